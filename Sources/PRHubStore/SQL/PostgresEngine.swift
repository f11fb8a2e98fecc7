import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The shared engine: a PostgreSQL server that several machines use at once, through postgres-nio.
/// The store's API is synchronous, so each call waits for its replies here; it never runs on an event loop.
final class PostgresEngine: SQLEngine, @unchecked Sendable {  // Safe: mutable state lives in `pool` and `listener`, each locked.
    let location: PostgresLocation
    let pool: PostgresConnections
    let listener: PostgresChangeListener

    var dialect: SQLDialect { .postgres }

    /// The channel of `NOTIFY` for this store (one per schema).
    var channel: String { listener.channel }

    init(location: PostgresLocation) throws {
        self.location = location
        pool = PostgresConnections(location: location)
        listener = PostgresChangeListener(location: location, channel: "prhub_changes_\(location.schema.lowercased())")
        try pool.withConnection { connection in
            try PostgresMigrations.migrate(connection, location: location)
        }
    }

    deinit {
        listener.stop()
        pool.close()
    }

    func read<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.withConnection { connection in
            let session = PostgresSession(connection: connection)
            return try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") { try body(session) }
        }
    }

    func write<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        try pool.withConnection { connection in
            let session = PostgresSession(connection: connection)
            return try session.transaction("BEGIN") {
                let result = try body(session)
                // Delivered to every listening server when (and only when) the transaction commits.
                try session.execute("NOTIFY \(channel)", [])
                return result
            }
        }
    }

    func check() throws {
        // A connection of its own, closed after: the pooled ones may be fine while new ones are refused.
        let probe = PostgresConnections(location: location, capacity: 1)
        defer { probe.close() }
        try probe.withConnection { connection in
            let session = PostgresSession(connection: connection)
            _ = try session.value(Int.self, "SELECT COUNT(*) FROM repository")
            _ = try session.value(Int64.self, "SELECT MAX(id) FROM change")
            _ = try session.rows("SELECT * FROM file LIMIT 1")
        }
    }

    /// Counts the notifications of commits by any process; nil while no listener is connected (then callers
    /// ask the database each time, so nothing stale is served).
    func changeToken() -> String? { listener.token() }

    func describe(_ error: any Error) -> String { Self.describe(error) }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return describe(underlying) }
            if error.code == .sslUnsupported { return "the server does not offer TLS (connect with sslmode=disable or prefer, or enable ssl on the server)" }
            return "PostgreSQL: \(error.code)"
        }
        if let error = error as? IOError { return error.description }
        return String(describing: error)
    }
}

/// Statements on one connection; `?` placeholders become `$1, $2, …`.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    var dialect: SQLDialect { .postgres }

    /// How long one statement may take before its connection is closed under it: a server that stops
    /// answering must not hang a report or a pass (statements here take milliseconds; locks wait 30 s at most).
    static let deadline = TimeAmount.seconds(300)

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let result = try run(sql, arguments)
        for row in result.rows {
            var values: [SQLValue] = []
            values.reserveCapacity(row.count)
            for cell in row { values.append(try Self.value(of: cell)) }
            try body(SQLRow(values: values))
        }
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        let connection = connection
        let timeout = connection.eventLoop.scheduleTask(in: Self.deadline) { _ = connection.close() as EventLoopFuture<Void> }
        defer { timeout.cancel() }
        return try connection.query(Self.query(sql, arguments), logger: PostgresConnections.logger).wait()
    }

    /// Runs `body` between `begin` and COMMIT; rolls back when it throws.
    func transaction<T>(_ begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin, [])
        do {
            let result = try body()
            try execute("COMMIT", [])
            return result
        } catch {
            _ = try? execute("ROLLBACK", [])
            throw error
        }
    }

    static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            }
        }
        return PostgresQuery(unsafeSQL: numberingPlaceholders(sql), binds: bindings)
    }

    /// `?` → `$n`, leaving quoted strings and identifiers alone.
    static func numberingPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .numeric:
            let text = try cell.decode(String.self)
            return Int64(text).map(SQLValue.integer) ?? .real(Double(text) ?? .nan)
        default: return .text(try cell.decode(String.self))
        }
    }
}
