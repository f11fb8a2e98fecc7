import Foundation
import PRHubModel

/// Diff text of the files whose text matters (manifests, env registries), read from the clone at ingest.
/// Commits never change, so these rows never go stale; a new profile that wants other files simply finds
/// them missing, and the report reads those from the clone.
extension Store {
    public struct CommitLines: Sendable, Equatable {
        public var sha: String
        public var path: String
        public var changes: LineChanges

        public init(sha: String, path: String, changes: LineChanges) {
            self.sha = sha
            self.path = path
            self.changes = changes
        }
    }

    public func storeCommitLines(repositoryID: Int64, _ rows: [CommitLines]) throws {
        guard !rows.isEmpty else { return }
        try write("cannot store diff lines") { db in
            for row in rows {
                try db.execute(
                    """
                    INSERT INTO commitLines (repositoryId, sha, path, added, removed) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (repositoryId, sha, path) DO UPDATE SET added = excluded.added, removed = excluded.removed
                    """,
                    args(repositoryID, row.sha, row.path, try Self.linesColumn(row.changes.added), try Self.linesColumn(row.changes.removed)))
            }
        }
    }

    /// Stored lines of the given commits: sha → path → lines (an empty entry: read, and had none).
    public func commitLines(_ name: RepositoryName, shas: [String]) throws -> [String: [String: LineChanges]] {
        guard !shas.isEmpty else { return [:] }
        return try read("cannot read diff lines of \(name)") { db in
            guard let id = try db.value(Int64.self, "SELECT id FROM repository WHERE name = ?", args(name.description)) else { return [:] }
            var result: [String: [String: LineChanges]] = [:]
            // Engines cap the number of bound values; a week's shas go in slices well under it.
            for start in stride(from: 0, to: shas.count, by: 500) {
                let slice = shas[start..<min(shas.count, start + 500)]
                let marks = placeholders(slice.count)
                try db.forEachRow(
                    "SELECT sha, path, added, removed FROM commitLines WHERE repositoryId = ? AND sha IN (\(marks))",
                    args(id) + slice.map(\.sqlValue)
                ) { row in
                    result[try row[0], default: [:]][try row[1]] = LineChanges(
                        added: try Self.lines(fromColumn: try row[2]), removed: try Self.lines(fromColumn: try row[3]))
                }
            }
            return result
        }
    }

    /// Diff lines as stored in a text column (`commitLines`, `githubLines`): a JSON array.
    static func linesColumn(_ lines: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
    }

    static func lines(fromColumn text: String) throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
