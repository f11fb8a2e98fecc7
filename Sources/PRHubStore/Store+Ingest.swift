import Foundation
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
    /// The row id of a repository, created on first use (by one of several processes asking at once).
    public func repositoryID(_ name: RepositoryName) throws -> Int64 {
        try write("cannot register \(name)") { db in
            if let id = try db.value(Int64.self, "SELECT id FROM repository WHERE name = ?", args(name.description)) {
                return id
            }
            try db.execute("INSERT INTO repository (name) VALUES (?) ON CONFLICT (name) DO NOTHING", args(name.description))
            guard let id = try db.value(Int64.self, "SELECT id FROM repository WHERE name = ?", args(name.description)) else {
                throw PRHubError(.store, "cannot register \(name)")
            }
            return id
        }
    }

    /// The head commit the last complete ingest of this repository reached, if any.
    public func ingestedHead(_ name: RepositoryName) throws -> String? {
        try read("cannot read \(name)") { db in
            try db.value(String.self, "SELECT ingestedHead FROM repository WHERE name = ?", args(name.description))
        }
    }

    /// Records that everything up to `head` is stored (called after the last batch), and where the clone is.
    /// `shallowBoundary` and `historyStart` say how far back the clone's history went (nil: to its first commit).
    public func markIngested(
        _ name: RepositoryName, head: String, gitPath: String? = nil, at date: Date = Date(),
        shallowBoundary: String? = nil, historyStart: Date? = nil
    ) throws {
        try write("cannot update \(name)") { db in
            try db.execute(
                """
                UPDATE repository SET ingestedHead = ?, ingestedAt = ?, gitPath = COALESCE(?, gitPath),
                    shallowBoundary = ?, historyStart = ?
                WHERE name = ?
                """,
                args(head, date.timeIntervalSince1970, gitPath, shallowBoundary, historyStart?.timeIntervalSince1970, name.description))
        }
    }

    /// The shallow boundary recorded by the last ingest (nil when the history was read to its first commit).
    public func shallowBoundary(_ name: RepositoryName) throws -> String? {
        try read("cannot read \(name)") { db in
            try db.value(String.self, "SELECT shallowBoundary FROM repository WHERE name = ?", args(name.description))
        }
    }

    /// Commits stored with their files unknown (a shallow boundary): a later read that knows them replaces them.
    public func commitsWithUnknownFiles(repositoryID: Int64) throws -> Set<String> {
        try read("cannot read commits") { db in
            Set(try db.values(String.self, "SELECT sha FROM change WHERE repositoryId = ? AND filesKnown = 0", args(repositoryID)))
        }
    }

    /// Direct commits whose message body holds `text`: the candidates when the classifier learns a new way a
    /// pull request lands (commits stored before it was known are looked at again).
    public func directCommits(repositoryID: Int64, bodyContaining text: String) throws -> [(id: Int64, body: String)] {
        try read("cannot read commits") { db in
            // `text` holds no LIKE wildcard; the caller checks the body again, so a match ignoring case is fine.
            try db.rows("SELECT id, body FROM change WHERE repositoryId = ? AND prNumber IS NULL AND body LIKE ?", args(repositoryID, "%\(text)%"))
                .map { (try $0[0], try $0[1]) }
        }
    }

    /// Records stored direct commits as the pull requests they are.
    public func markPullRequests(_ numbers: [(id: Int64, number: Int)]) throws {
        try write("cannot store commits") { db in
            for (id, number) in numbers {
                try db.execute("UPDATE change SET prNumber = ? WHERE id = ? AND prNumber IS NULL", args(number, id))
            }
        }
    }

    /// Removes the commits merged at or after `since` that are not in `kept`: work that left the branch (a
    /// force-push). Returns what was removed, oldest first.
    public func removeCommits(
        repositoryID: Int64, mergedSince since: Date, keeping kept: Set<String>
    ) throws -> [RemovedCommit] {
        try write("cannot remove commits") { db in
            let rows = try db.rows(
                "SELECT id, sha, prNumber, title FROM change WHERE repositoryId = ? AND mergedAt >= ? ORDER BY mergedAt, id",
                args(repositoryID, since.timeIntervalSince1970))
            var removed: [RemovedCommit] = []
            for row in rows {
                let sha: String = try row[1]
                guard !kept.contains(sha) else { continue }
                try db.execute("DELETE FROM change WHERE id = ?", args(try row[0] as Int64))
                try db.execute("DELETE FROM commitLines WHERE repositoryId = ? AND sha = ?", args(repositoryID, sha))
                removed.append(RemovedCommit(sha: sha, number: try row[2], title: try row[3]))
            }
            return removed
        }
    }

    /// The clone a repository was last ingested from, if it was.
    public func gitPath(_ name: RepositoryName) throws -> String? {
        try read("cannot read \(name)") { db in
            try db.value(String.self, "SELECT gitPath FROM repository WHERE name = ?", args(name.description))
        }
    }

    /// Stores a batch of first-parent commits in one transaction. Commits already stored are skipped,
    /// so re-reading a range never duplicates anything; those in `replacing` (stored with their files
    /// unknown) are replaced when the batch knows their files.
    @discardableResult
    public func insert(
        _ commits: [Commit], repositoryID: Int64, replacing: Set<String> = [], classify: (Commit) -> PullRequest?
    ) throws -> IngestCount {
        try write("cannot store commits") { db in
            for commit in commits where commit.filesKnown && replacing.contains(commit.sha) {
                try db.execute("DELETE FROM change WHERE repositoryId = ? AND sha = ? AND filesKnown = 0", args(repositoryID, commit.sha))
            }
            var count = IngestCount()
            // Many commits per statement (one round trip each on a server); commits already stored return
            // no id and are skipped whole.
            for start in stride(from: 0, to: commits.count, by: Self.commitsPerStatement) {
                let group = commits[start..<min(commits.count, start + Self.commitsPerStatement)]
                var values: [SQLValue] = []
                values.reserveCapacity(group.count * 10)
                var kinds: [String: Bool] = [:]  // sha → is a pull request
                for commit in group {
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
                    kinds[commit.sha] = pr != nil
                    values += args(
                        repositoryID, commit.sha, pr?.number, title, body, pr?.authorName ?? commit.authorName,
                        pr?.authorEmail ?? commit.authorEmail, pr?.login, commit.committedAt.timeIntervalSince1970, commit.filesKnown)
                }
                let rows = valueRows(group.count, columns: 10)
                var added: [String: Int64] = [:]
                try db.forEachRow(
                    """
                    INSERT INTO change
                    (repositoryId, sha, prNumber, title, body, authorName, authorEmail, login, mergedAt, filesKnown)
                    VALUES \(rows) ON CONFLICT DO NOTHING RETURNING id, sha
                    """, values
                ) { row in added[try row[1]] = try row[0] }
                var files: [(Int64, FileChange)] = []
                for commit in group {
                    guard let changeID = added[commit.sha] else { continue }
                    files += commit.files.map { (changeID, $0) }
                    if kinds[commit.sha] == true { count.pullRequests += 1 } else { count.directCommits += 1 }
                }
                try Self.insertFiles(files, db)
            }
            return count
        }
    }

    static let commitsPerStatement = 100

    /// Files of changes, many rows per statement, each change's files in their order.
    static func insertFiles(_ files: [(changeID: Int64, file: FileChange)], _ db: any SQLSession) throws {
        let perStatement = 200
        for start in stride(from: 0, to: files.count, by: perStatement) {
            let slice = files[start..<min(files.count, start + perStatement)]
            var values: [SQLValue] = []
            values.reserveCapacity(slice.count * 6)
            for (changeID, file) in slice {
                values += args(changeID, file.path, file.additions, file.deletions, file.isBinary, file.linesKnown)
            }
            let rows = valueRows(slice.count, columns: 6)
            try db.execute("INSERT INTO file (changeId, path, additions, deletions, \"binary\", linesKnown) VALUES \(rows)", values)
        }
    }
}
