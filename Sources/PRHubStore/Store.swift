import Foundation
import GRDB
import PRHubModel

/// The store: the history of any number of repositories, in an embedded SQLite file (one machine) or on a
/// PostgreSQL server (several machines). Both engines run the same queries; callers see model values only.
public struct Store: Sendable {
    let engine: any SQLEngine
    /// The database file, when there is one (not for in-memory or PostgreSQL stores).
    public let path: String?

    /// Opens what a `--db` argument names: `postgres://USER@HOST:PORT/DB[?schema=NAME]` or an SQLite file.
    public static func open(_ db: String) throws -> Store {
        guard PostgresLocation.isURL(db) else { return try open(path: db) }
        let location = try PostgresLocation(url: db)
        do {
            return Store(engine: try PostgresEngine(location: location), path: nil)
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.store, "cannot open store \(location): \(PostgresEngine.describe(error))")
        }
    }

    /// How long a connection waits for another process's write to end before it gives up: every connection
    /// to a store file, the probe of a file found in place included.
    static let busyMode = Database.BusyMode.timeout(10)

    /// Opens (creating folders and schema as needed) the SQLite file at `path`.
    /// Throws `store` with the reason when the file cannot be opened or is not a PRHub store.
    public static func open(path: String) throws -> Store {
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = busyMode
            // Several processes may open a new store at once (a server and an ingest, two reports): the
            // schema is created by one of them at a time, the others then find it in place.
            return try MigrationLock.holding(path + ".migration-lock") {
                try refuseForeignFile(path)
                let pool = try DatabasePool(path: path, configuration: configuration)
                return try Store(sqlite: pool, path: path)
            }
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.store, "cannot open store '\(path)': \(SQLiteEngine.describe(error))")
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
        // Other processes may be writing to it (ingests that opened it a moment earlier): wait as they do.
        configuration.busyMode = busyMode
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
        try Store(sqlite: DatabaseQueue(), path: nil)
    }

    init(sqlite writer: any DatabaseWriter, path: String?) throws {
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw PRHubError(.store, "cannot prepare store: \(SQLiteEngine.describe(error))")
        }
        self.init(engine: SQLiteEngine(writer: writer, path: path), path: path)
    }

    init(engine: any SQLEngine, path: String?) {
        self.engine = engine
        self.path = path
    }

    /// Which engine holds the store: for messages and the website's status.
    public var engineName: String {
        switch engine.dialect {
        case .sqlite: return "SQLite"
        case .postgres: return "PostgreSQL"
        }
    }

    /// Reads the schema and the first pages of each table through a new connection (the open ones may
    /// answer from their caches): cheap enough for a health probe, and enough to notice a store that was
    /// damaged, truncated or replaced. Throws `store` with the engine's reason.
    public func check() throws {
        try perform("the store cannot be read") { try engine.check() }
    }

    /// A cheap token that changes whenever any process commits to the store: for SQLite the size and
    /// modification time of its files (no query), for PostgreSQL the count of its change notifications.
    /// Nil when the engine cannot tell (in memory, a listener not connected): callers must ask the database.
    public func changeToken() -> String? { engine.changeToken() }

    func read<T>(_ what: String, _ body: (any SQLSession) throws -> T) throws -> T {
        try perform(what) { try engine.read(body) }
    }

    @discardableResult
    func write<T>(_ what: String, _ body: (any SQLSession) throws -> T) throws -> T {
        try perform(what) { try engine.write(body) }
    }

    /// Runs a database operation, turning the engine's errors into `PRHubError(.store)`.
    func perform<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PRHubError {
            throw error
        } catch let error as JobLost {
            throw error
        } catch {
            throw PRHubError(.store, "\(what): \(engine.describe(error))")
        }
    }
}
