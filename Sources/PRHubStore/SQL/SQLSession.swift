import Foundation

/// Statements run inside one transaction of one engine. SQL is written once for both engines: `?`
/// placeholders, `ON CONFLICT` upserts, `RETURNING` for new ids, and identifiers both engines accept.
protocol SQLSession {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query and hands each row to `body`, without collecting them.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws
}

extension SQLSession {
    func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// The first column of the first row, nil when there is no row or the value is null.
    func value<T: SQLReadable>(_ type: T.Type = T.self, _ sql: String, _ arguments: [SQLValue] = []) throws -> T? {
        guard let row = try row(sql, arguments), row.values.first != .null else { return nil }
        return try row[0] as T
    }

    /// The first column of every row.
    func values<T: SQLReadable>(_ type: T.Type = T.self, _ sql: String, _ arguments: [SQLValue] = []) throws -> [T] {
        try rows(sql, arguments).map { try $0[0] as T }
    }
}

/// Which database an engine speaks to: the few places where the two differ ask it.
enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// An open database: SQLite (embedded, one machine) or PostgreSQL (shared by several).
protocol SQLEngine: Sendable {
    var dialect: SQLDialect { get }
    /// A consistent snapshot for reads.
    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// One transaction: all of `body` is committed, or none of it.
    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T
    /// Reads the schema and the first pages of each table through a new connection.
    func check() throws
    /// A cheap token that changes whenever any process commits; nil when the engine cannot tell.
    func changeToken() -> String?
    /// A sentence for the reason behind one of the engine's errors.
    func describe(_ error: any Error) -> String
}

/// `count` placeholders for an `IN (…)` list: `?, ?, ?`.
func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

/// `rows` parenthesised groups of `columns` placeholders for a many-row `VALUES`: `(?, ?), (?, ?)`.
func valueRows(_ rows: Int, columns: Int) -> String {
    Array(repeating: "(" + placeholders(columns) + ")", count: rows).joined(separator: ", ")
}

/// Binds values of different types in one list: `args(name, from, to)`.
func args(_ values: any SQLBindable...) -> [SQLValue] { values.map(\.sqlValue) }
