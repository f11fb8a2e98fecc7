import Foundation
import GRDB
import PRHubModel

extension Store {
    /// Names of every repository in the store.
    public func repositories() throws -> [String] {
        try perform("cannot list repositories") {
            try writer.read { db in try String.fetchAll(db, sql: "SELECT name FROM repository ORDER BY name") }
        }
    }

    /// Pull requests merged in `[from, to)`, oldest first. A PR number seen twice keeps its latest merge.
    /// GitHub data, when synced, gives the title, description, login, labels and discussion; git keeps
    /// the author's name and the files (with `files: false`, for work read only for its text, neither the
    /// files nor the discussion are loaded).
    public func pullRequests(_ name: RepositoryName, from: Date, to: Date, files withFiles: Bool = true) throws -> [PullRequest] {
        let decoder = JSONDecoder()
        let window: StatementArguments = [name.description, from.timeIntervalSince1970, to.timeIntervalSince1970]
        return try perform("cannot read pull requests of \(name)") {
            try writer.read { db in
                // Columns are read by position: looking each one up by name was most of the cost of a load.
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT c.id, c.sha, c.prNumber, c.title, c.body, c.authorName, c.authorEmail, c.login, c.mergedAt,
                               g.title, g.body, g.login, g.labels, g.discussion, c.filesKnown
                        FROM change c JOIN repository r ON r.id = c.repositoryId
                        LEFT JOIN githubPull g ON g.repositoryId = c.repositoryId AND g.number = c.prNumber
                        WHERE r.name = ? AND c.prNumber IS NOT NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                        ORDER BY c.mergedAt, c.id
                        """,
                    arguments: window)
                var byNumber: [Int: (id: Int64, pr: PullRequest)] = [:]
                while let row = try rows.next() {
                    var pr = PullRequest(
                        number: row[2], title: row[3], body: row[4], authorName: row[5], authorEmail: row[6], login: row[7],
                        mergedAt: Date(timeIntervalSince1970: row[8]), mergeSHA: row[1], files: [])
                    pr.filesKnown = row[14]
                    if let title: String = row[9] {
                        pr.title = title
                        pr.body = row[10]
                        pr.login = row[11] ?? pr.login
                        pr.githubLabels = (try? decoder.decode([String].self, from: Data((row[12] as String? ?? "[]").utf8))) ?? []
                        if withFiles {
                            pr.discussion = (row[13] as String?).flatMap { try? decoder.decode(Discussion.self, from: Data($0.utf8)) }
                        }
                    }
                    byNumber[pr.number] = (row[0], pr)
                }
                if withFiles {
                    // Every file of the window in one query, not one query per pull request.
                    let kept = Dictionary(uniqueKeysWithValues: byNumber.values.map { ($0.id, $0.pr.number) })
                    let files = try Row.fetchCursor(
                        db,
                        sql: """
                            SELECT f.changeId, f.path, f.additions, f.deletions, f.binary, f.linesKnown
                            FROM file f JOIN change c ON c.id = f.changeId JOIN repository r ON r.id = c.repositoryId
                            WHERE r.name = ? AND c.prNumber IS NOT NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                            ORDER BY f.changeId, f.rowid
                            """,
                        arguments: window)
                    while let row = try files.next() {
                        guard let number = kept[row[0]] else { continue }
                        byNumber[number]?.pr.files.append(FileChange(
                            path: row[1], additions: row[2], deletions: row[3], isBinary: row[4], linesKnown: row[5]))
                    }
                }
                return byNumber.values.map(\.pr).sorted { ($0.mergedAt, $0.number) < ($1.mergedAt, $1.number) }
            }
        }
    }

    /// Commits in `[from, to)` that are not pull requests.
    public func directCommitCount(_ name: RepositoryName, from: Date, to: Date) throws -> Int {
        try perform("cannot count commits of \(name)") {
            try writer.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId
                        WHERE r.name = ? AND c.prNumber IS NULL AND c.mergedAt >= ? AND c.mergedAt < ?
                        """,
                    arguments: [name.description, from.timeIntervalSince1970, to.timeIntervalSince1970]) ?? 0
            }
        }
    }

    /// Every stored pull request of a repository (number, sha, title, merge time), for links across weeks.
    public func pullRequestReferences(_ name: RepositoryName) throws -> [PullRequestReference] {
        try perform("cannot read history of \(name)") {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT c.prNumber, c.sha, c.title, c.mergedAt FROM change c JOIN repository r ON r.id = c.repositoryId
                        WHERE r.name = ? AND c.prNumber IS NOT NULL ORDER BY c.mergedAt
                        """,
                    arguments: [name.description]
                ).map { PullRequestReference(number: $0[0], sha: $0[1], title: $0[2], mergedAt: Date(timeIntervalSince1970: $0[3])) }
            }
        }
    }

    /// Total changes stored for a repository (pull requests and direct commits).
    public func changeCount(_ name: RepositoryName) throws -> Int {
        try perform("cannot count changes of \(name)") {
            try writer.read { db in
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId WHERE r.name = ?",
                    arguments: [name.description]) ?? 0
            }
        }
    }

    /// For every path in a repository's history, how many stored changes touched it.
    public func pathChangeCounts(_ name: RepositoryName) throws -> [String: Int] {
        try perform("cannot read paths of \(name)") {
            try writer.read { db in
                var counts: [String: Int] = [:]
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT f.path, COUNT(*) FROM file f JOIN change c ON c.id = f.changeId
                        JOIN repository r ON r.id = c.repositoryId WHERE r.name = ? GROUP BY f.path
                        """,
                    arguments: [name.description])
                while let row = try rows.next() { counts[row[0]] = row[1] }
                return counts
            }
        }
    }

    /// A fingerprint of what the store holds for a period: it changes whenever a change in it is added.
    public func version(_ name: RepositoryName, from: Date, to: Date) throws -> String {
        try perform("cannot read \(name)") {
            try writer.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*), COALESCE(MAX(c.id), 0),
                          (SELECT COALESCE(MAX(g.rowid), 0) FROM githubPull g WHERE g.repositoryId = r.id AND g.mergedAt >= ?1 AND g.mergedAt < ?2)
                        FROM change c JOIN repository r ON r.id = c.repositoryId
                        WHERE r.name = ?3 AND c.mergedAt >= ?1 AND c.mergedAt < ?2
                        """,
                    arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970, name.description])
                return "\(row?[0] as Int? ?? 0)-\(row?[1] as Int64? ?? 0)-\(row?[2] as Int64? ?? 0)"
            }
        }
    }

    /// Pull requests per local day key (seconds shifted by the zone offset are the caller's concern):
    /// the merge times of every stored PR of a repository, oldest first.
    public func mergeTimes(_ name: RepositoryName) throws -> [Date] {
        try perform("cannot read \(name)") {
            try writer.read { db in
                try Double.fetchAll(
                    db,
                    sql: """
                        SELECT c.mergedAt FROM change c JOIN repository r ON r.id = c.repositoryId
                        WHERE r.name = ? AND c.prNumber IS NOT NULL ORDER BY c.mergedAt
                        """,
                    arguments: [name.description]
                ).map { Date(timeIntervalSince1970: $0) }
            }
        }
    }
}
