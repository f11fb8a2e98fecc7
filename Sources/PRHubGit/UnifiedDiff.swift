import Foundation
import PRHubModel
/// Reads `git show --unified=0` text into added and removed lines per file.
enum UnifiedDiff {
    static func parse(_ text: String) -> [String: LineChanges] {
        var result: [String: LineChanges] = [:]
        var current: String?
        var inHunk = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("diff --git ") {
                current = nil
                inHunk = false
            } else if !inHunk, line.hasPrefix("+++ ") {
                let target = line.dropFirst(4)
                if target != "/dev/null" { current = String(target.hasPrefix("b/") ? target.dropFirst(2) : target) }
            } else if !inHunk, line.hasPrefix("--- ") {
                let source = line.dropFirst(4)
                if source != "/dev/null" { current = String(source.hasPrefix("a/") ? source.dropFirst(2) : source) }
            } else if line.hasPrefix("@@") {
                inHunk = true
            } else if inHunk, let path = current {
                if line.hasPrefix("+") {
                    result[path, default: LineChanges()].added.append(String(line.dropFirst()))
                } else if line.hasPrefix("-") {
                    result[path, default: LineChanges()].removed.append(String(line.dropFirst()))
                }
            }
        }
        return result
    }
}
