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
        /// What the user should know about this read: what the clone could not tell, what was removed.
        public var notices: [IngestNotice] = []
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
        let repositoryName = name.name
        try classifyExportedPullRequests(repositoryID: repositoryID, repository: repositoryName)
        guard let head = try repository.head() else {
            return Result(added: IngestCount(), head: nil, incremental: false)
        }
        let gitPath = URL(fileURLWithPath: repository.path).standardizedFileURL.path
        let boundary = try repository.shallowBoundary()
        let boundaryKey = boundary?.joined(separator: " ")
        let previous = try store.ingestedHead(name)
        let stored = try store.historyCoverage(name)
        // A shallow history that now reaches further back (`fetch --unshallow`, `--deepen`) is read again.
        let grewBackwards = previous != nil && stored?.shallowBoundary != nil && stored?.shallowBoundary != boundaryKey
        if previous == head && !grewBackwards {
            try store.markIngested(name, head: head, gitPath: gitPath, shallowBoundary: boundaryKey, historyStart: stored?.start)
            return Result(added: IngestCount(), head: head, incremental: true)
        }
        // After a force-push the old head is gone from the history: read it all again (stored commits are
        // skipped) and drop what left the branch.
        let since = grewBackwards ? nil : previous.flatMap { repository.isAncestor($0, of: head) ? $0 : nil }
        let rereading = previous != nil && since == nil
        let unknownFiles = try store.commitsWithUnknownFiles(repositoryID: repositoryID)
        var seen = Set<String>()
        var added = IngestCount()
        var read = 0
        let lines = LineReader()
        // Reads still running when the history read fails are waited for, so nothing writes after we return.
        defer { lines.wait() }
        let history = try repository.readHistory(head: head, since: since, boundary: Set(boundary ?? [])) { batch in
            if rereading { seen.formUnion(batch.lazy.map(\.sha)) }
            added += try store.insert(batch, repositoryID: repositoryID, replacing: unknownFiles) {
                ChangeClassifier.pullRequest(from: $0, repository: repositoryName)
            }
            if let wantsDiff {
                var wanted: [(sha: String, paths: [String])] = []
                for commit in batch {
                    let paths = commit.files.map(\.path).filter(wantsDiff)
                    if !paths.isEmpty, ChangeClassifier.isPullRequest(commit, repository: repositoryName) { wanted.append((commit.sha, paths)) }
                }
                // While git streams the next batch (one core), another git reads these diffs on the other.
                lines.read(wanted) { try storeLines($0, repositoryID: repositoryID) }
            }
            read += batch.count
            progress?(read)
        }
        try lines.finish()
        var notices: [IngestNotice] = []
        if grewBackwards { notices.append(.historyGrewBackwards) }
        if !history.boundaryCommits.isEmpty { notices.append(.shallowBoundary(commits: history.boundaryCommits)) }
        if history.commitsWithUnknownLines > 0 { notices.append(.linesUnknown(commits: history.commitsWithUnknownLines)) }
        if rereading, let oldest = history.oldest {
            let removed = try store.removeCommits(repositoryID: repositoryID, mergedSince: oldest, keeping: seen)
            if !removed.isEmpty { notices.append(.leftTheBranch(removed)) }
        }
        // A shallow history starts at its oldest commit read; an incremental read keeps the start it had.
        let start = boundary == nil ? nil : since == nil ? history.oldest : stored?.start
        try store.markIngested(name, head: head, gitPath: gitPath, shallowBoundary: boundaryKey, historyStart: start)
        return Result(added: added, head: head, incremental: since != nil, notices: notices)
    }

    /// Commits stored as direct before exported diffs (`Pull Request resolved: …`) were known as pull
    /// requests become them; a store written by an earlier version catches up on its next ingest.
    private func classifyExportedPullRequests(repositoryID: Int64, repository: String) throws {
        let candidates = try store.directCommits(repositoryID: repositoryID, bodyContaining: ChangeClassifier.resolvedPrefix)
        let numbers = candidates.compactMap { row in
            ChangeClassifier.resolvedPullRequest(row.body[...], repository: repository).map { (id: row.id, number: $0) }
        }
        if !numbers.isEmpty { try store.markPullRequests(numbers) }
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
