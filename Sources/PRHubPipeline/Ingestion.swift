import Foundation
import PRHubGit
import PRHubModel
import PRHubStore

/// Reads a local clone into the store, incrementally: only commits after the last ingested head.
public struct Ingestion: Sendable {
    public let store: Store
    public let repository: GitRepository
    public let name: RepositoryName

    public struct Result: Sendable, Equatable {
        public var added: IngestCount
        public var head: String?
        /// True when everything before the head was already stored and only new commits were read.
        public var incremental: Bool
    }

    /// The files whose diff text the analysis reads (`PathClassifier.wantsDiff`): their lines are read
    /// from the clone and stored with the commits, so reports need no git process for them.
    public let wantsDiff: (@Sendable (String) -> Bool)?

    public init(store: Store, repository: GitRepository, name: RepositoryName, wantsDiff: (@Sendable (String) -> Bool)? = nil) {
        self.store = store
        self.repository = repository
        self.name = name
        self.wantsDiff = wantsDiff
    }

    /// - Parameter progress: called with the number of commits read so far, after each batch.
    public func run(progress: ((Int) -> Void)? = nil) throws -> Result {
        let repositoryID = try store.repositoryID(name)
        guard let head = try repository.head() else {
            return Result(added: IngestCount(), head: nil, incremental: false)
        }
        let previous = try store.ingestedHead(name)
        if previous == head {
            try store.markIngested(name, head: head, gitPath: URL(fileURLWithPath: repository.path).standardizedFileURL.path)
            return Result(added: IngestCount(), head: head, incremental: true)
        }
        // After a force-push the old head is gone from the history: read it all again (stored commits are skipped).
        let since = previous.flatMap { repository.isAncestor($0, of: head) ? $0 : nil }
        var added = IngestCount()
        var read = 0
        let lines = LineReader()
        // Reads still running when the history read fails are waited for, so nothing writes after we return.
        defer { lines.wait() }
        try repository.readHistory(head: head, since: since) { batch in
            added += try store.insert(batch, repositoryID: repositoryID, classify: ChangeClassifier.pullRequest)
            if let wantsDiff {
                var wanted: [(sha: String, paths: [String])] = []
                for commit in batch {
                    let paths = commit.files.map(\.path).filter(wantsDiff)
                    if !paths.isEmpty, ChangeClassifier.isPullRequest(commit) { wanted.append((commit.sha, paths)) }
                }
                // While git streams the next batch (one core), another git reads these diffs on the other.
                lines.read(wanted) { try storeLines($0, repositoryID: repositoryID) }
            }
            read += batch.count
            progress?(read)
        }
        try lines.finish()
        try store.markIngested(name, head: head, gitPath: URL(fileURLWithPath: repository.path).standardizedFileURL.path)
        return Result(added: added, head: head, incremental: since != nil)
    }

    /// Reads the wanted files' lines of some new pull requests with one `git log --no-walk -p` and stores
    /// them, with an empty row for a file that showed none (a binary file).
    private func storeLines(_ wanted: [(sha: String, paths: [String])], repositoryID: Int64) throws {
        guard !wanted.isEmpty else { return }
        let read = try repository.lineChanges(commits: wanted.map(\.sha), paths: wanted.flatMap(\.paths))
        let rows = wanted.flatMap { commit in
            commit.paths.map { path in
                Store.CommitLines(sha: commit.sha, path: path, changes: read[commit.sha]?[path] ?? LineChanges())
            }
        }
        try store.storeCommitLines(repositoryID: repositoryID, rows)
    }

    /// Runs the diff reads one after another on a background queue and keeps the first error.
    private final class LineReader: @unchecked Sendable {  // Safe: `error` is only touched while holding `lock`.
        private let queue = DispatchQueue(label: "prhub.ingest.lines")
        private let group = DispatchGroup()
        private let lock = NSLock()
        private var error: (any Error)?

        func read(_ wanted: [(sha: String, paths: [String])], with work: @escaping @Sendable ([(sha: String, paths: [String])]) throws -> Void) {
            guard !wanted.isEmpty else { return }
            queue.async(group: group) {
                guard self.lock.withLock({ self.error == nil }) else { return }
                do { try work(wanted) } catch { self.lock.withLock { self.error = self.error ?? error } }
            }
        }

        func wait() { group.wait() }

        /// Waits for every read; throws the first error.
        func finish() throws {
            group.wait()
            if let error = lock.withLock({ error }) { throw error }
        }
    }
}
