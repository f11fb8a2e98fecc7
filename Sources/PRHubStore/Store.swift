import Foundation
import GRDB
import PRHubModel

/// The embedded store: one SQLite file holding the history of any number of repositories.
/// It owns its migrator; callers see model values only.
public struct Store: Sendable {
    let writer: any DatabaseWriter
    /// The database file, when there is one (not for in-memory stores).
    public let path: String?

    /// Opens (creating folders and schema as needed) the SQLite file at `path`.
    /// Throws `store` with the reason when the file cannot be opened or is not a PRHub store.
    public static func open(path: String) throws -> Store {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // Several processes may open a new store at once (a server and an ingest, two reports): the
            // schema is created by one of them at a time, the others then find it in place.
            return try MigrationLock.holding(path + ".migration-lock") {
                try refuseForeignFile(path)
                let pool = try DatabasePool(path: path, configuration: configuration)
                return try Store(writer: pool, path: path)
            }
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.store, "cannot open store '\(path)': \(Self.describe(error))")
        }
    }

    /// An existing file that is not a PRHub store — not SQLite, or SQLite holding someone else's tables — is
    /// refused before anything touches it (opening it as a store would switch its journal and add tables).
    static func refuseForeignFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw PRHubError(.store, "'\(path)' is not a regular file") }
        let header = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 16)
        }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw PRHubError(.store, "'\(path)' is not a PRHub store (not an SQLite database); refusing to change it")
        }
        var configuration = Configuration()
        configuration.readonly = true
        let tables = try DatabaseQueue(path: path, configuration: configuration).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        guard tables.isEmpty || tables.contains("grdb_migrations") else {
            let listed = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            throw PRHubError(.store, "'\(path)' is an SQLite database but not a PRHub store (it holds \(listed)); refusing to change it")
        }
    }

    /// A throwaway store in memory, for tests and dry runs.
    public static func inMemory() throws -> Store {
        try Store(writer: DatabaseQueue(), path: nil)
    }

    init(writer: any DatabaseWriter, path: String?) throws {
        self.writer = writer
        self.path = path
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw PRHubError(.store, "cannot prepare store: \(Self.describe(error))")
        }
    }

    /// Reads the schema and the first pages of each table through a new connection (the open ones may
    /// answer from their caches): cheap enough for a health probe, and enough to notice a store whose file
    /// was damaged, truncated or replaced. Throws `store` with SQLite's reason.
    public func check() throws {
        try perform("the store cannot be read") {
            let probe = { (db: Database) throws in
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
                _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM repository")
                _ = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change")
                _ = try Row.fetchOne(db, sql: "SELECT * FROM file LIMIT 1")
            }
            guard let path else { return try writer.read(probe) }
            var configuration = Configuration()
            configuration.readonly = true
            try DatabaseQueue(path: path, configuration: configuration).read(probe)
        }
    }

    /// A cheap token that changes whenever any process commits to the store file: the size and
    /// modification time of the database and its write-ahead log (two `stat` calls, no query).
    /// Nil for in-memory stores, where callers must ask the database itself.
    public func changeToken() -> String? {
        guard let path else { return nil }
        var token = ""
        for file in [path, path + "-wal"] {
            var info = stat()
            if stat(file, &info) == 0 {
                token += "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec);"
            } else {
                token += "-;"
            }
        }
        return token
    }

    /// Runs a database operation, turning GRDB's errors into `PRHubError(.store)`.
    func perform<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.store, "\(what): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}
