import PRHubModel

/// Reads the `patch` field of GitHub's file list (hunks without file headers) into added and removed lines.
public enum PatchText {
    public static func lineChanges(_ patch: String) -> LineChanges {
        var changes = LineChanges()
        var inHunk = false
        for line in patch.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("@@") {
                inHunk = true
            } else if inHunk, line.hasPrefix("+") {
                changes.added.append(String(line.dropFirst()))
            } else if inHunk, line.hasPrefix("-") {
                changes.removed.append(String(line.dropFirst()))
            }
        }
        return changes
    }
}
