import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A small pool of open connections to one server, handed out one caller at a time. A connection that
/// failed is closed and dropped, never handed out again.
final class PostgresConnections: @unchecked Sendable {  // Safe: `idle`, `open` and `closed` are only touched under `condition`.
    static let logger: Logger = {
        var logger = Logger(label: "prhub.postgres")
        logger.logLevel = .critical
        return logger
    }()

    let location: PostgresLocation
    let capacity: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var nextID = 0

    init(location: PostgresLocation, capacity: Int = 8) {
        self.location = location
        self.capacity = capacity
    }

    /// Runs `body` with a connection of its own, then gives it back: kept when still open (a failed statement
    /// in a rolled-back transaction leaves it usable), dropped when the server or a deadline closed it.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try acquire()
        defer { release(connection) }
        return try body(connection)
    }

    func close() {
        let connections = condition.withLock {
            closed = true
            defer { idle = [] }
            return idle
        }
        for connection in connections { _ = try? connection.close().wait() }
    }

    private func acquire() throws -> PostgresConnection {
        // Either an idle connection, or a free slot (and the id of the connection that will fill it).
        let (reuse, id): (PostgresConnection?, Int) = try condition.withLock {
            while true {
                guard !closed else { throw PRHubStoreClosed() }
                if let connection = idle.popLast() { return (connection, 0) }
                if open < capacity {
                    open += 1
                    nextID += 1
                    return (nil, nextID)
                }
                condition.wait()
            }
        }
        // An idle connection the server closed keeps its slot for a new one.
        if let reuse, !reuse.isClosed { return reuse }
        do {
            return try Self.connect(location, id: id)
        } catch {
            condition.withLock {
                open -= 1
                condition.signal()
            }
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        let poolClosed = condition.withLock { () -> Bool in
            defer { condition.signal() }
            if connection.isClosed || closed {
                open -= 1
            } else {
                idle.append(connection)
            }
            return closed
        }
        if poolClosed { _ = try? connection.close().wait() }
    }

    /// Opens one connection and points it at the store's schema.
    static func connect(_ location: PostgresLocation, id: Int) throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: try tls(location.tls))
        configuration.options.connectTimeout = .seconds(10)
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
        ).wait()
        do {
            // Several stores can share a database, one schema each (made by the migrations).
            _ = try connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(location.schema)\""), logger: logger).wait()
            // A process stopped in the middle of a transaction (SIGSTOP, a debugger, a frozen VM) would hold its
            // row locks for ever, and every process that needs those rows would wait: the server ends such a
            // session after a minute, and a statement waits for a lock half a minute at most (then fails, and
            // the job is tried again).
            _ = try connection.query(PostgresQuery(unsafeSQL: "SET idle_in_transaction_session_timeout = '60s'"), logger: logger).wait()
            _ = try connection.query(PostgresQuery(unsafeSQL: "SET lock_timeout = '30s'"), logger: logger).wait()
            return connection
        } catch {
            _ = try? connection.close().wait()
            throw error
        }
    }
}

extension PostgresConnections {
    static func tls(_ mode: PostgresLocation.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .prefer ? .prefer(context) : .require(context)
    }
}

struct PRHubStoreClosed: Error, CustomStringConvertible {
    var description: String { "the store was closed" }
}
