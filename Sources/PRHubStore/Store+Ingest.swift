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
    /// `shallowBoundary` and `historyStart` say how far back the clone's history went (nil: to its first commit).
    public func markIngested(
        _ name: RepositoryName, head: String, gitPath: String? = nil, at date: Date = Date(),
        shallowBoundary: String? = nil, historyStart: Date? = nil
    ) throws {
        try perform("cannot update \(name)") {
            try writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE repository SET ingestedHead = ?, ingestedAt = ?, gitPath = COALESCE(?, gitPath),
                            shallowBoundary = ?, historyStart = ?
                        WHERE name = ?
                        """,
                    arguments: [head, date.timeIntervalSince1970, gitPath, shallowBoundary, historyStart?.timeIntervalSince1970,
                        name.description])
            }
        }
    }

    /// The shallow boundary recorded by the last ingest (nil when the history was read to its first commit).
    public func shallowBoundary(_ name: RepositoryName) throws -> String? {
        try perform("cannot read \(name)") {
            try writer.read { db in
                try String.fetchOne(db, sql: "SELECT shallowBoundary FROM repository WHERE name = ?", arguments: [name.description])
            }
        }
    }

    /// Commits stored with their files unknown (a shallow boundary): a later read that knows them replaces them.
    public func commitsWithUnknownFiles(repositoryID: Int64) throws -> Set<String> {
        try perform("cannot read commits") {
            try writer.read { db in
                Set(try String.fetchAll(db, sql: "SELECT sha FROM change WHERE repositoryId = ? AND filesKnown = 0", arguments: [repositoryID]))
            }
        }
    }

    /// Removes the commits merged at or after `since` that are not in `kept`: work that left the branch (a
    /// force-push). Returns what was removed, oldest first.
    public func removeCommits(
        repositoryID: Int64, mergedSince since: Date, keeping kept: Set<String>
    ) throws -> [RemovedCommit] {
        try perform("cannot remove commits") {
            try writer.write { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, sha, prNumber, title FROM change WHERE repositoryId = ? AND mergedAt >= ? ORDER BY mergedAt, id",
                    arguments: [repositoryID, since.timeIntervalSince1970])
                var removed: [RemovedCommit] = []
                for row in rows where !kept.contains(row[1]) {
                    try db.execute(sql: "DELETE FROM change WHERE id = ?", arguments: [row[0] as Int64])
                    try db.execute(sql: "DELETE FROM commitLines WHERE repositoryId = ? AND sha = ?", arguments: [repositoryID, row[1] as String])
                    removed.append(RemovedCommit(sha: row[1], number: row[2], title: row[3]))
                }
                return removed
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
    /// so re-reading a range never duplicates anything; those in `replacing` (stored with their files
    /// unknown) are replaced when the batch knows their files.
    @discardableResult
    public func insert(
        _ commits: [Commit], repositoryID: Int64, replacing: Set<String> = [], classify: (Commit) -> PullRequest?
    ) throws -> IngestCount {
        try perform("cannot store commits") {
            try writer.write { db in
                for commit in commits where commit.filesKnown && replacing.contains(commit.sha) {
                    try db.execute(
                        sql: "DELETE FROM change WHERE repositoryId = ? AND sha = ? AND filesKnown = 0", arguments: [repositoryID, commit.sha])
                }
                let changeStatement = try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO change
                        (repositoryId, sha, prNumber, title, body, authorName, authorEmail, login, mergedAt, filesKnown)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                let fileStatement = try db.cachedStatement(
                    sql: "INSERT INTO file (changeId, path, additions, deletions, binary, linesKnown) VALUES (?, ?, ?, ?, ?, ?)")
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
                        pr?.authorEmail ?? commit.authorEmail, pr?.login, commit.committedAt.timeIntervalSince1970, commit.filesKnown,
                    ])
                    guard db.changesCount > 0 else { continue }
                    let changeID = db.lastInsertedRowID
                    for file in commit.files {
                        try fileStatement.execute(
                            arguments: [changeID, file.path, file.additions, file.deletions, file.isBinary, file.linesKnown])
                    }
                    if pr == nil { count.directCommits += 1 } else { count.pullRequests += 1 }
                }
                return count
            }
        }
    }
}
