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
                let pool = try DatabasePool(path: path, configuration: configuration)
                return try Store(writer: pool, path: path)
            }
        } catch let error as PRHubError {
            throw error
        } catch {
            throw PRHubError(.store, "cannot open store '\(path)': \(Self.describe(error))")
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
