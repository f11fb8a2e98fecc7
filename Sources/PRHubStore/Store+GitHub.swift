import Foundation
import PRHubModel

/// Where a GitHub sync stands, so a re-run fetches only what changed and an interrupted one resumes.
public struct GitHubSyncState: Sendable, Equatable {
    /// The query of an unfinished sync and the cursor after its last stored page.
    public struct Progress: Sendable, Equatable {
        public var query: String
        public var cursor: String
        public var watermark: Date
        public init(query: String, cursor: String, watermark: Date) {
            self.query = query
            self.cursor = cursor
            self.watermark = watermark
        }
    }

    public struct Probe: Sendable, Equatable {
        public var etag: String
        public var newestUpdate: Date?
        public init(etag: String, newestUpdate: Date?) {
            self.etag = etag
            self.newestUpdate = newestUpdate
        }
    }
}

extension Store {
    /// Stores one page of GitHub pull requests in one transaction, with the cursor that follows it.
    /// A pull request git already stored (same merge commit) keeps its files and gains labels and reviews;
    /// one git has not seen gets a change row with GitHub's files. Re-storing a PR replaces its GitHub data.
    public func storeGitHubPage(
        _ page: [GitHubPullRequest], repositoryID: Int64, progress: GitHubSyncState.Progress?
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try write("cannot store GitHub pull requests") { db in
            for item in page {
                let pr = item.pullRequest
                let known = try db.value(
                    Int.self, "SELECT 1 FROM change WHERE repositoryId = ? AND (prNumber = ? OR sha = ?) LIMIT 1",
                    args(repositoryID, pr.number, pr.mergeSHA)) != nil
                if !known, let changeID = try db.value(
                    Int64.self,
                    """
                    INSERT INTO change (repositoryId, sha, prNumber, title, body, authorName, authorEmail, login, mergedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id
                    """,
                    args(
                        repositoryID, pr.mergeSHA, pr.number, pr.title, pr.body, pr.authorName, pr.authorEmail, pr.login,
                        pr.mergedAt.timeIntervalSince1970))
                {
                    try Self.insertFiles(pr.files.map { (changeID, $0) }, db)
                }
                let labels = String(decoding: try encoder.encode(pr.githubLabels), as: UTF8.self)
                let discussion = try pr.discussion.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
                try db.execute(
                    """
                    INSERT INTO githubPull (repositoryId, number, title, body, login, mergedAt, updatedAt, labels, discussion)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (repositoryId, number) DO UPDATE SET title = excluded.title, body = excluded.body,
                        login = excluded.login, mergedAt = excluded.mergedAt, updatedAt = excluded.updatedAt,
                        labels = excluded.labels, discussion = excluded.discussion
                    """,
                    args(
                        repositoryID, pr.number, pr.title, pr.body, pr.login, pr.mergedAt.timeIntervalSince1970,
                        item.updatedAt.timeIntervalSince1970, labels, discussion))
            }
            if let progress {
                try db.execute(
                    """
                    INSERT INTO githubProgress (repositoryId, query, cursor, watermark) VALUES (?, ?, ?, ?)
                    ON CONFLICT (repositoryId, query) DO UPDATE SET cursor = excluded.cursor, watermark = excluded.watermark
                    """,
                    args(repositoryID, progress.query, progress.cursor, progress.watermark.timeIntervalSince1970))
            }
        }
    }

    /// The unfinished sync of exactly this query, if one was interrupted.
    public func gitHubProgress(repositoryID: Int64, query: String) throws -> GitHubSyncState.Progress? {
        try read("cannot read sync state") { db in
            try db.row("SELECT cursor, watermark FROM githubProgress WHERE repositoryId = ? AND query = ?", args(repositoryID, query))
                .map { GitHubSyncState.Progress(query: query, cursor: try $0[0], watermark: Date(timeIntervalSince1970: try $0[1])) }
        }
    }

    /// Records a window as completely synced as of `watermark`, and forgets the progress of its searches.
    public func finishGitHubWindow(repositoryID: Int64, since: Date, until: Date, watermark: Date, queries: [String]) throws {
        try write("cannot record sync") { db in
            for query in queries {
                try db.execute("DELETE FROM githubProgress WHERE repositoryId = ? AND query = ?", args(repositoryID, query))
            }
            try db.execute(
                "INSERT INTO githubWindow (repositoryId, since, until, watermark) VALUES (?, ?, ?, ?)",
                args(repositoryID, since.timeIntervalSince1970, until.timeIntervalSince1970, watermark.timeIntervalSince1970))
        }
    }

    /// The latest moment as of which `[since, until)` was synced in full, if it ever was.
    /// Windows recorded separately count when together they cover it; the oldest of their watermarks holds.
    public func gitHubWatermark(repositoryID: Int64, since: Date, until: Date) throws -> Date? {
        let windows = try read("cannot read sync state") { db in
            try db.rows(
                "SELECT since, until, watermark FROM githubWindow WHERE repositoryId = ? AND until > ? AND since < ? ORDER BY watermark DESC",
                args(repositoryID, since.timeIntervalSince1970, until.timeIntervalSince1970)
            ).map { (since: try $0[0] as Double, until: try $0[1] as Double, watermark: try $0[2] as Double) }
        }
        // Newest windows first: cover the range with as recent data as possible.
        var uncovered = [(since.timeIntervalSince1970, until.timeIntervalSince1970)]
        var oldest = Double.infinity
        for window in windows where !uncovered.isEmpty {
            var next: [(Double, Double)] = []
            var used = false
            for (a, b) in uncovered {
                if window.until <= a || window.since >= b {
                    next.append((a, b))
                    continue
                }
                used = true
                if window.since > a { next.append((a, window.since)) }
                if window.until < b { next.append((window.until, b)) }
            }
            if used { oldest = min(oldest, window.watermark) }
            uncovered = next
        }
        return uncovered.isEmpty ? Date(timeIntervalSince1970: oldest) : nil
    }

    public func gitHubProbe(repositoryID: Int64) throws -> GitHubSyncState.Probe? {
        try read("cannot read sync state") { db in
            guard let row = try db.row("SELECT githubProbeETag, githubProbeUpdatedAt FROM repository WHERE id = ?", args(repositoryID)),
                  let etag = try row[0] as String?
            else { return nil }
            return GitHubSyncState.Probe(etag: etag, newestUpdate: (try row[1] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func setGitHubProbe(repositoryID: Int64, _ probe: GitHubSyncState.Probe) throws {
        try write("cannot record sync state") { db in
            try db.execute(
                "UPDATE repository SET githubProbeETag = ?, githubProbeUpdatedAt = ? WHERE id = ?",
                args(probe.etag, probe.newestUpdate?.timeIntervalSince1970, repositoryID))
        }
    }

    /// How many pull requests GitHub data exists for (for summaries and tests).
    public func gitHubPullRequestCount(_ name: RepositoryName) throws -> Int {
        try read("cannot count GitHub pull requests of \(name)") { db in
            try db.value(
                Int.self, "SELECT COUNT(*) FROM githubPull g JOIN repository r ON r.id = g.repositoryId WHERE r.name = ?",
                args(name.description)) ?? 0
        }
    }
}

extension Store {
    /// Stores the diff lines GitHub gave for some files of a PR (replacing earlier ones).
    public func storeGitHubLineChanges(repositoryID: Int64, number: Int, _ changes: [String: LineChanges]) throws {
        try write("cannot store diff lines") { db in
            try db.execute("DELETE FROM githubLines WHERE repositoryId = ? AND number = ?", args(repositoryID, number))
            for (path, lines) in changes {
                try db.execute(
                    "INSERT INTO githubLines (repositoryId, number, path, added, removed) VALUES (?, ?, ?, ?, ?)",
                    args(repositoryID, number, path, try Self.linesColumn(lines.added), try Self.linesColumn(lines.removed)))
            }
        }
    }

    /// PR numbers that already have diff lines stored.
    public func gitHubLineChangeNumbers(repositoryID: Int64) throws -> Set<Int> {
        try read("cannot read diff lines") { db in
            Set(try db.values(Int.self, "SELECT DISTINCT number FROM githubLines WHERE repositoryId = ?", args(repositoryID)))
        }
    }

    /// Diff lines from GitHub for the given PRs: number → path → lines.
    public func gitHubLineChanges(_ name: RepositoryName, numbers: [Int]) throws -> [Int: [String: LineChanges]] {
        guard !numbers.isEmpty else { return [:] }
        let wanted = Set(numbers)
        return try read("cannot read diff lines of \(name)") { db in
            var result: [Int: [String: LineChanges]] = [:]
            try db.forEachRow(
                """
                SELECT l.number, l.path, l.added, l.removed FROM githubLines l JOIN repository r ON r.id = l.repositoryId
                WHERE r.name = ?
                """,
                args(name.description)
            ) { row in
                let number: Int = try row[0]
                guard wanted.contains(number) else { return }
                let added = (try? Self.lines(fromColumn: try row[2])) ?? []
                let removed = (try? Self.lines(fromColumn: try row[3])) ?? []
                result[number, default: [:]][try row[1]] = LineChanges(added: added, removed: removed)
            }
            return result
        }
    }
}
