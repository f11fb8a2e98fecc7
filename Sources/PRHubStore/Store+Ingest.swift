import Foundation
import GRDB
import PRHubModel

/// What one batch added to the store.
public struct IngestCount: Sendable, Equatable {
    public var pullRequests = 0
    public var directCommits = 0
    public init(pullRequests: Int = 0, directCommits: Int = 0) {
        self.pullRequests = pullRequests
        self.directCommits = directCommits
    }
    public static func += (a: inout IngestCount, b: IngestCount) {
        a.pullRequests += b.pullRequests
        a.directCommits += b.directCommits
    }
}

extension Store {
    /// The row id of a repository, created on first use.
    public func repositoryID(_ name: RepositoryName) throws -> Int64 {
        try perform("cannot register \(name)") {
            try writer.write { db in
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM repository WHERE name = ?", arguments: [name.description]) {
                    return id
                }
                try db.execute(sql: "INSERT INTO repository (name) VALUES (?)", arguments: [name.description])
                return db.lastInsertedRowID
            }
        }
    }

    /// The head commit the last complete ingest of this repository reached, if any.
    public func ingestedHead(_ name: RepositoryName) throws -> String? {
        try perform("cannot read \(name)") {
            try writer.read { db in
                try String.fetchOne(db, sql: "SELECT ingestedHead FROM repository WHERE name = ?", arguments: [name.description])
            }
        }
    }

    /// Records that everything up to `head` is stored (called after the last batch), and where the clone is.
    public func markIngested(_ name: RepositoryName, head: String, gitPath: String? = nil, at date: Date = Date()) throws {
        try perform("cannot update \(name)") {
            try writer.write { db in
                try db.execute(
                    sql: "UPDATE repository SET ingestedHead = ?, ingestedAt = ?, gitPath = COALESCE(?, gitPath) WHERE name = ?",
                    arguments: [head, date.timeIntervalSince1970, gitPath, name.description])
            }
        }
    }

    /// The clone a repository was last ingested from, if it was.
    public func gitPath(_ name: RepositoryName) throws -> String? {
        try perform("cannot read \(name)") {
            try writer.read { db in
                try String.fetchOne(db, sql: "SELECT gitPath FROM repository WHERE name = ?", arguments: [name.description])
            }
        }
    }

    /// Stores a batch of first-parent commits in one transaction. Commits already stored are skipped,
    /// so re-reading a range never duplicates anything.
    @discardableResult
    public func insert(_ commits: [Commit], repositoryID: Int64, classify: (Commit) -> PullRequest?) throws -> IngestCount {
        try perform("cannot store commits") {
            try writer.write { db in
                let changeStatement = try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO change
                        (repositoryId, sha, prNumber, title, body, authorName, authorEmail, login, mergedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let fileStatement = try db.cachedStatement(
                    sql: "INSERT INTO file (changeId, path, additions, deletions, binary) VALUES (?, ?, ?, ?, ?)")
                var count = IngestCount()
                for commit in commits {
                    let pr = classify(commit)
                    let title: String
                    let body: String
                    if let pr {
                        title = pr.title
                        body = pr.body
                    } else {
                        let parts = commit.message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                        title = parts.first.map(String.init) ?? ""
                        body = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                    }
                    try changeStatement.execute(arguments: [
                        repositoryID, commit.sha, pr?.number, title, body, pr?.authorName ?? commit.authorName,
                        pr?.authorEmail ?? commit.authorEmail, pr?.login, commit.committedAt.timeIntervalSince1970,
                    ])
                    guard db.changesCount > 0 else { continue }
                    let changeID = db.lastInsertedRowID
                    for file in commit.files {
                        try fileStatement.execute(arguments: [changeID, file.path, file.additions, file.deletions, file.isBinary])
                    }
                    if pr == nil { count.directCommits += 1 } else { count.pullRequests += 1 }
                }
                return count
            }
        }
    }
}
