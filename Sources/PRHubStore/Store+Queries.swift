import Foundation
import PRHubModel

extension Store {
    /// Names of every repository in the store.
    public func repositories() throws -> [String] {
        try read("cannot list repositories") { db in try db.values(String.self, "SELECT name FROM repository ORDER BY name") }
    }

    /// Pull requests merged in `[from, to)`, oldest first. A PR number seen twice keeps its latest merge.
    /// GitHub data, when synced, gives the title, description, login, labels and discussion; git keeps
    /// the author's name and the files (with `files: false`, for work read only for its text, neither the
    /// files nor the discussion are loaded).
    public func pullRequests(_ name: RepositoryName, from: Date, to: Date, files withFiles: Bool = true) throws -> [PullRequest] {
        let decoder = JSONDecoder()
        let window = args(name.description, from.timeIntervalSince1970, to.timeIntervalSince1970)
        return try read("cannot read pull requests of \(name)") { db in
            var byNumber: [Int: (id: Int64, pr: PullRequest)] = [:]
            try db.forEachRow(
                """
                SELECT c.id, c.sha, c.prNumber, c.title, c.body, c.authorName, c.authorEmail, c.login, c.mergedAt,
                       g.title, g.body, g.login, g.labels, g.discussion, c.filesKnown
                FROM change c JOIN repository r ON r.id = c.repositoryId
                LEFT JOIN githubPull g ON g.repositoryId = c.repositoryId AND g.number = c.prNumber
                WHERE r.name = ? AND c.prNumber IS NOT NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                ORDER BY c.mergedAt, c.id
                """, window
            ) { row in
                var pr = PullRequest(
                    number: try row[2], title: try row[3], body: try row[4], authorName: try row[5], authorEmail: try row[6],
                    login: try row[7], mergedAt: Date(timeIntervalSince1970: try row[8]), mergeSHA: try row[1], files: [])
                pr.filesKnown = try row[14]
                if let title: String = try row[9] {
                    pr.title = title
                    pr.body = try row[10]
                    pr.login = try row[11] ?? pr.login
                    pr.githubLabels = (try? decoder.decode([String].self, from: Data((try row[12] as String? ?? "[]").utf8))) ?? []
                    if withFiles {
                        pr.discussion = (try row[13] as String?).flatMap { try? decoder.decode(Discussion.self, from: Data($0.utf8)) }
                    }
                }
                byNumber[pr.number] = (try row[0], pr)
            }
            if withFiles {
                // Every file of the window in one query, not one query per pull request.
                let kept = Dictionary(uniqueKeysWithValues: byNumber.values.map { ($0.id, $0.pr.number) })
                try db.forEachRow(
                    """
                    SELECT f.changeId, f.path, f.additions, f.deletions, f."binary", f.linesKnown
                    FROM file f JOIN change c ON c.id = f.changeId JOIN repository r ON r.id = c.repositoryId
                    WHERE r.name = ? AND c.prNumber IS NOT NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                    ORDER BY f.changeId, f.rowid
                    """, window
                ) { row in
                    guard let number = kept[try row[0]] else { return }
                    byNumber[number]?.pr.files.append(FileChange(
                        path: try row[1], additions: try row[2], deletions: try row[3], isBinary: try row[4], linesKnown: try row[5]))
                }
            }
            return byNumber.values.map(\.pr).sorted { ($0.mergedAt, $0.number) < ($1.mergedAt, $1.number) }
        }
    }

    /// Commits in `[from, to)` that are not pull requests.
    public func directCommitCount(_ name: RepositoryName, from: Date, to: Date) throws -> Int {
        try read("cannot count commits of \(name)") { db in
            try db.value(
                Int.self,
                """
                SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId
                WHERE r.name = ? AND c.prNumber IS NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                """,
                args(name.description, from.timeIntervalSince1970, to.timeIntervalSince1970)) ?? 0
        }
    }

    /// Every stored pull request of a repository (number, sha, title, merge time), for links across weeks.
    public func pullRequestReferences(_ name: RepositoryName) throws -> [PullRequestReference] {
        try read("cannot read history of \(name)") { db in
            try db.rows(
                """
                SELECT c.prNumber, c.sha, c.title, c.mergedAt FROM change c JOIN repository r ON r.id = c.repositoryId
                WHERE r.name = ? AND c.prNumber IS NOT NULL ORDER BY c.mergedAt, c.id
                """,
                args(name.description)
            ).map { PullRequestReference(number: try $0[0], sha: try $0[1], title: try $0[2], mergedAt: Date(timeIntervalSince1970: try $0[3])) }
        }
    }

    /// Total changes stored for a repository (pull requests and direct commits).
    public func changeCount(_ name: RepositoryName) throws -> Int {
        try read("cannot count changes of \(name)") { db in
            try db.value(
                Int.self, "SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId WHERE r.name = ?",
                args(name.description)) ?? 0
        }
    }

    /// For every path in a repository's history, how many stored changes touched it.
    public func pathChangeCounts(_ name: RepositoryName) throws -> [String: Int] {
        try read("cannot read paths of \(name)") { db in
            var counts: [String: Int] = [:]
            try db.forEachRow(
                """
                SELECT f.path, COUNT(*) FROM file f JOIN change c ON c.id = f.changeId
                JOIN repository r ON r.id = c.repositoryId WHERE r.name = ? GROUP BY f.path
                """,
                args(name.description)
            ) { row in counts[try row[0]] = try row[1] }
            return counts
        }
    }

    /// A fingerprint of what the store holds for a period: it changes whenever a change in it is added or
    /// GitHub data for it is stored anew.
    public func version(_ name: RepositoryName, from: Date, to: Date) throws -> String {
        let (start, end) = (from.timeIntervalSince1970, to.timeIntervalSince1970)
        return try read("cannot read \(name)") { db in
            let row = try db.row(
                """
                SELECT COUNT(*), COALESCE(MAX(c.id), 0),
                  (SELECT COUNT(*) FROM githubPull g WHERE g.repositoryId = r.id AND g.mergedAt >= ? AND g.mergedAt < ?),
                  (SELECT COALESCE(MAX(g.updatedAt), 0) FROM githubPull g WHERE g.repositoryId = r.id AND g.mergedAt >= ? AND g.mergedAt < ?)
                FROM change c JOIN repository r ON r.id = c.repositoryId
                WHERE r.name = ? AND c.mergedAt >= ? AND c.mergedAt < ?
                GROUP BY r.id
                """,
                args(start, end, start, end, name.description, start, end))
            guard let row else { return "0-0-0-0" }
            return "\(try row[0] as Int)-\(try row[1] as Int64)-\(try row[2] as Int)-\(try row[3] as Double)"
        }
    }

    /// The merge times of every stored PR of a repository, oldest first.
    public func mergeTimes(_ name: RepositoryName) throws -> [Date] {
        try read("cannot read \(name)") { db in
            try db.values(
                Double.self,
                """
                SELECT c.mergedAt FROM change c JOIN repository r ON r.id = c.repositoryId
                WHERE r.name = ? AND c.prNumber IS NOT NULL ORDER BY c.mergedAt
                """,
                args(name.description)
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }
}
