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

    public init(store: Store, repository: GitRepository, name: RepositoryName) {
        self.store = store
        self.repository = repository
        self.name = name
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
        try repository.readHistory(head: head, since: since) { batch in
            added += try store.insert(batch, repositoryID: repositoryID, classify: ChangeClassifier.pullRequest)
            read += batch.count
            progress?(read)
        }
        try store.markIngested(name, head: head, gitPath: URL(fileURLWithPath: repository.path).standardizedFileURL.path)
        return Result(added: added, head: head, incremental: since != nil)
    }
}
