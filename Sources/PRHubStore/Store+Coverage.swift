import Foundation
import PRHubModel

extension Store {
    /// A commit removed from the store because it left the branch.
    public struct RemovedCommit: Sendable, Equatable {
        public var sha: String
        public var number: Int?
        public var title: String
    }

    /// How much of a repository's history the store has read from its clone.
    public struct HistoryCoverage: Sendable, Equatable {
        /// The oldest commit's time when the clone is shallow; nil when the history was read to its first commit.
        public var start: Date?
        /// When the clone was last read: work merged later is not in the store.
        public var readAt: Date
        /// The shallow boundary at that read, nil for a whole history.
        public var shallowBoundary: String?

        /// Whether `[from, to)` lies within what was read.
        public func covers(from: Date, to: Date) -> Bool { (start.map { $0 <= from } ?? true) && to <= readAt }
    }

    /// Nil when the repository was never ingested from a clone.
    public func historyCoverage(_ name: RepositoryName) throws -> HistoryCoverage? {
        try read("cannot read \(name)") { db in
            guard let row = try db.row(
                "SELECT ingestedAt, historyStart, shallowBoundary FROM repository WHERE name = ? AND ingestedHead IS NOT NULL",
                args(name.description)), let readAt = try row[0] as Double?
            else { return nil }
            return HistoryCoverage(
                start: (try row[1] as Double?).map(Date.init(timeIntervalSince1970:)), readAt: Date(timeIntervalSince1970: readAt),
                shallowBoundary: try row[2])
        }
    }
}
