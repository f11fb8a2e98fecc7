import PRHubModel
import PRHubStore

/// Something an ingest could not do as asked, or did beyond adding commits, that the user should know.
public enum IngestNotice: Sendable, Equatable {
    /// A shallow clone: these boundary commits are stored with their files unknown.
    case shallowBoundary(commits: [String])
    /// The clone lacks some contents: these many commits keep their files with line counts unknown.
    case linesUnknown(commits: Int)
    /// Commits no longer on the branch (a force-push) were removed from the store.
    case leftTheBranch([Store.RemovedCommit])
    /// The clone's history reaches further back than at the last ingest, so it was read again.
    case historyGrewBackwards

    /// One line for the terminal, starting `warning:` or `note:`.
    public var message: String {
        switch self {
        case .shallowBoundary(let commits):
            let shas = commits.map { String($0.prefix(10)) }.joined(separator: ", ")
            return "warning: shallow clone: the files of its boundary commit\(commits.count == 1 ? "" : "s") (\(shas)) are unknown "
                + "and left out of sizes and risks; run `git fetch --unshallow` and ingest again to read them"
        case .linesUnknown(let count):
            return "warning: the clone lacks the contents of some files (a partial clone or an incomplete mirror): "
                + "\(count) commit\(count == 1 ? " keeps its" : "s keep their") files with line counts unknown; nothing was fetched"
        case .leftTheBranch(let removed):
            let listed = removed.prefix(5).map { commit in
                (commit.number.map { "#\($0)" } ?? String(commit.sha.prefix(10))) + " " + TerminalText.oneLine(commit.title, limit: 60)
            }.joined(separator: "; ")
            return "note: \(removed.count) commit\(removed.count == 1 ? " is" : "s are") no longer on the branch (force-pushed away) "
                + "and \(removed.count == 1 ? "was" : "were") removed from the store: \(listed)\(removed.count > 5 ? "; …" : "")"
        case .historyGrewBackwards:
            return "note: the clone's history reaches further back than at the last ingest; it was read again from the start"
        }
    }
}
