import Foundation
import Logging
import PRHubModel
import PRHubPipeline
import PRHubStore
import ServiceLifecycle

/// What the website and `/metrics` show of the hub: when it runs next, how the last pass went.
public final class HubStatus: @unchecked Sendable {  // Safe: every field is read and written under `lock`.
    private let lock = NSLock()
    private var next: Date?
    private var last: (at: Date, lines: [String], failed: Int)?
    private var running = false

    public init() {}

    public var nextRun: Date? { lock.withLock { next } }
    public var lastPass: (at: Date, lines: [String], failed: Int)? { lock.withLock { last } }
    public var isRunning: Bool { lock.withLock { running } }

    func scheduled(_ date: Date) { lock.withLock { next = date } }
    func began() { lock.withLock { running = true } }
    func ended(at date: Date, lines: [String], failed: Int) {
        lock.withLock {
            running = false
            last = (date, lines, failed)
        }
    }
}

/// Runs the hub pass on its weekly schedule inside the server. On start it catches up: when the last
/// scheduled moment has no completed pass after it (the server was down), the pass runs at once. A pass
/// with failures is tried again an hour later rather than a week later.
public struct HubScheduler: Service {
    let schedule: WeeklySchedule
    let zone: ReportTimeZone
    let store: Store
    let status: HubStatus
    let logger: Logger
    let pass: @Sendable (Date) async throws -> HubPass.Summary

    public init(
        schedule: WeeklySchedule, zone: ReportTimeZone, store: Store, status: HubStatus, logger: Logger,
        pass: @escaping @Sendable (Date) async throws -> HubPass.Summary
    ) {
        self.schedule = schedule
        self.zone = zone
        self.store = store
        self.status = status
        self.logger = logger
        self.pass = pass
    }

    public func run() async throws {
        var retryAt: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Date()
            let due = schedule.last(atOrBefore: now, zone: zone)
            // A store that cannot be read right now must not stop the website: try again in a minute.
            let lastPass: Date?
            do { lastPass = try store.lastCompletedPass() } catch {
                logger.error("hub: cannot read the ledger: \(error)")
                try? await cancelWhenGracefulShutdown { try await Task.sleep(nanoseconds: 60_000_000_000) }
                continue
            }
            if lastPass.map({ $0 < due }) ?? true || retryAt.map({ $0 <= now }) == true {
                retryAt = nil
                status.began()
                do {
                    let summary = try await pass(now)
                    let failed = summary.repositories.filter { !$0.failures.isEmpty }.count
                    status.ended(at: now, lines: summary.repositories.map(HubPass.line), failed: failed)
                    if failed > 0 { retryAt = now.addingTimeInterval(3_600) }
                    logger.info("hub pass: \(summary.sent) messages sent, \(failed) repositories failed")
                } catch {
                    status.ended(at: now, lines: ["the pass stopped: \(error)"], failed: 1)
                    retryAt = now.addingTimeInterval(3_600)
                    logger.error("hub pass stopped: \(error)")
                }
            }
            let next = [schedule.next(after: Date(), zone: zone), retryAt].compactMap { $0 }.min()!
            status.scheduled(next)
            // Sleeps in steps, so a clock change or a long suspension is noticed within a minute.
            let wait = min(60, max(0.05, next.timeIntervalSinceNow))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        }
    }
}
