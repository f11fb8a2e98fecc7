import Foundation
import NIOCore
import PostgresNIO

/// Listens for the store's `NOTIFY` on a connection of its own and counts the commits other processes
/// made, so a server drops its cached pages within milliseconds of new data. Started by the first question
/// (a command that never asks opens no connection); reconnects after a second when the connection drops,
/// and changes its token then, since notifications sent meanwhile were lost.
final class PostgresChangeListener: @unchecked Sendable {  // Safe: every field is only touched under `lock`.
    let location: PostgresLocation
    let channel: String
    private let lock = NSLock()
    private var started = false
    private var stopped = false
    private var connected = false
    private var connection: PostgresConnection?
    private var generation = 0
    private var notifications = 0

    init(location: PostgresLocation, channel: String) {
        self.location = location
        self.channel = channel
    }

    /// "generation-count" while connected; nil while not (callers then ask the database every time).
    func token() -> String? {
        let needsStart = lock.withLock { () -> Bool in
            defer { started = true }
            return !started
        }
        if needsStart { start() }
        return lock.withLock { connected ? "pg\(generation)-\(notifications)" : nil }
    }

    /// Runs once, from the first `token()`.
    private func start() {
        let thread = Thread { [self] in run() }
        thread.name = "prhub-postgres-listener"
        thread.start()
    }

    func stop() {
        let open = lock.withLock { () -> PostgresConnection? in
            stopped = true
            return connection
        }
        _ = try? open?.close().wait()
    }

    private func run() {
        while !lock.withLock({ stopped }) {
            do {
                let connection = try PostgresConnections.connect(location, id: 0)
                connection.addListener(channel: channel) { [self] _, _ in
                    lock.withLock { notifications += 1 }
                }
                _ = try connection.query(PostgresQuery(unsafeSQL: "LISTEN \(channel)"), logger: PostgresConnections.logger).wait()
                let keep = lock.withLock { () -> Bool in
                    guard !stopped else { return false }
                    self.connection = connection
                    generation += 1
                    connected = true
                    return true
                }
                guard keep else {
                    _ = try? connection.close().wait()
                    return
                }
                try? connection.closeFuture.wait()
                lock.withLock {
                    connected = false
                    self.connection = nil
                }
            } catch {
                lock.withLock { connected = false }
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }
}
