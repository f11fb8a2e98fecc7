import Foundation
import GRDB

/// The embedded engine: one SQLite file (or memory) through GRDB.
struct SQLiteEngine: SQLEngine {
    let writer: any DatabaseWriter
    let path: String?

    var dialect: SQLDialect { .sqlite }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try writer.read { db in try body(SQLiteSession(db: db)) }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try writer.write { db in try body(SQLiteSession(db: db)) }
    }

    func check() throws {
        let probe = { (db: Database) throws in
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
            _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM repository")
            _ = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change")
            _ = try Row.fetchOne(db, sql: "SELECT * FROM file LIMIT 1")
        }
        guard let path else { return try writer.read(probe) }
        // A new connection: the open ones may answer from their caches.
        var configuration = Configuration()
        configuration.readonly = true
        try DatabaseQueue(path: path, configuration: configuration).read(probe)
    }

    /// The size and modification time of the database and its write-ahead log: two `stat` calls, no query.
    func changeToken() -> String? {
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

    func describe(_ error: any Error) -> String { Self.describe(error) }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

/// One GRDB connection inside a transaction; statements are prepared once and cached per connection.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        // One buffer for every row: `body` reads a row and lets it go, so the storage is reused, not copied.
        var values: [SQLValue] = []
        while let row = try rows.next() {
            values.removeAll(keepingCapacity: true)
            for index in 0..<row.count {
                switch (row[index] as DatabaseValue).storage {
                case .null: values.append(.null)
                case .int64(let value): values.append(.integer(value))
                case .double(let value): values.append(.real(value))
                case .string(let value): values.append(.text(value))
                case .blob(let data): values.append(.text(String(decoding: data, as: UTF8.self)))
                }
            }
            try body(SQLRow(values: values))
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: return .null
            case .integer(let v): return v.databaseValue
            case .real(let v): return v.databaseValue
            case .text(let v): return v.databaseValue
            }
        })
    }
}
