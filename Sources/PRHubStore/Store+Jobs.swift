import Foundation
import PRHubModel

/// One step of the hub's work, kept in the store so that any process sharing the store can do it.
public struct HubJob: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Fetch (mirrors), read and sync one repository; `week` is the last complete week of the pass.
        case ingest
        /// Write the reports of one week in every language; `inputHash` is the store's fingerprint of the week.
        case report
        /// Send one week in one language to one target; `inputHash` is the hash of its digest.
        case deliver
    }

    public enum State: String, Sendable, CaseIterable { case queued, running, done, failed }

    public struct Key: Sendable, Hashable {
        public var kind: Kind
        public var repository: String
        public var week: String
        public var language: String
        public var target: String
        public var inputHash: String

        public init(kind: Kind, repository: String, week: String, language: String = "", target: String = "", inputHash: String = "") {
            self.kind = kind
            self.repository = repository
            self.week = week
            self.language = language
            self.target = target
            self.inputHash = inputHash
        }
    }

    public var id: Int64
    public var key: Key
    public var state: State
    /// The fencing token: one more on every claim.
    public var generation: Int64
    public var owner: String?
    public var attempts: Int
    public var lastError: String?
    public var updatedAt: Date
}

/// A job claimed by this process. Every write made for it goes through the store with the claim, and is
/// refused (`JobLost`) once another process has claimed the job since.
public struct JobClaim: Sendable {
    public var job: HubJob
    public var generation: Int64 { job.generation }
}

/// The job was claimed by another process since this one claimed it (this one stalled past its lease):
/// nothing more may be written or sent for it.
public struct JobLost: Error, Sendable, CustomStringConvertible {
    public var job: Int64
    public init(job: Int64) { self.job = job }
    public var description: String { "job \(job) was taken over by another process" }
}

extension Store {
    static let jobColumns = "id, kind, repository, week, language, target, inputHash, state, generation, owner, attempts, lastError, updatedAt"

    static func job(_ row: SQLRow) throws -> HubJob {
        HubJob(
            id: try row[0],
            key: HubJob.Key(
                kind: HubJob.Kind(rawValue: try row[1]) ?? .ingest, repository: try row[2], week: try row[3], language: try row[4],
                target: try row[5], inputHash: try row[6]),
            state: HubJob.State(rawValue: try row[7]) ?? .failed, generation: try row[8], owner: try row[9], attempts: try row[10],
            lastError: try row[11], updatedAt: Date(timeIntervalSince1970: try row[12]))
    }

    /// Adds jobs not already there: a report or delivery with the same input is never added twice, an
    /// ingest not while one of the same repository is queued or running.
    public func enqueue(_ keys: [HubJob.Key], at date: Date = Date()) throws {
        guard !keys.isEmpty else { return }
        try write("cannot queue jobs") { db in try Self.enqueue(keys, at: date, db) }
    }

    static func enqueue(_ keys: [HubJob.Key], at date: Date, _ db: any SQLSession) throws {
        for key in keys {
            try db.execute(
                """
                INSERT INTO hubJob (kind, repository, week, language, target, inputHash, state, runAfter, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT DO NOTHING
                """,
                args(key.kind.rawValue, key.repository, key.week, key.language, key.target, key.inputHash,
                     date.timeIntervalSince1970, date.timeIntervalSince1970, date.timeIntervalSince1970))
        }
    }

    /// Claims the oldest job of these repositories that is due — deliveries first, then reports, then
    /// ingests, so a week goes out while the next repository is read — : queued, or running under a lease
    /// that lapsed or an owner known to be dead. On PostgreSQL the row is picked with `FOR UPDATE SKIP LOCKED`,
    /// so processes claiming at once take different jobs and never wait on each other.
    public func claimJob(
        repositories: [String], owner: String, deadOwners: [String] = [], lease: TimeInterval, at date: Date = Date()
    ) throws -> JobClaim? {
        guard !repositories.isEmpty else { return nil }
        let now = date.timeIntervalSince1970
        return try write("cannot claim a job") { db in
            let names = placeholders(repositories.count)
            let dead = deadOwners.isEmpty ? "" : " OR owner IN (\(placeholders(deadOwners.count)))"
            let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
            var values = args(owner, now + lease, now)
            values += args(now) + repositories.map(\.sqlValue) + args(now) + deadOwners.map(\.sqlValue)
            let row = try db.row(
                """
                UPDATE hubJob SET state = 'running', generation = generation + 1, owner = ?, leaseUntil = ?,
                    attempts = attempts + 1, updatedAt = ?
                WHERE id = (
                    SELECT id FROM hubJob
                    WHERE runAfter <= ? AND repository IN (\(names))
                      AND (state = 'queued' OR (state = 'running' AND (leaseUntil < ?\(dead))))
                    ORDER BY CASE kind WHEN 'deliver' THEN 0 WHEN 'report' THEN 1 ELSE 2 END, id LIMIT 1\(lock))
                RETURNING \(Self.jobColumns)
                """, values)
            return try row.map { JobClaim(job: try Self.job($0)) }
        }
    }

    /// The owners of running jobs (to find those of this machine whose process is gone).
    public func runningJobOwners() throws -> [String] {
        try read("cannot read jobs") { db in
            try db.values(String.self, "SELECT DISTINCT owner FROM hubJob WHERE state = 'running' AND owner IS NOT NULL")
        }
    }

    /// Extends the lease of a job still held; false when another process has claimed it since.
    public func renewLease(_ claim: JobClaim, lease: TimeInterval, at date: Date = Date()) throws -> Bool {
        let now = date.timeIntervalSince1970
        return try write("cannot renew a lease") { db in
            try db.execute(
                "UPDATE hubJob SET leaseUntil = ?, updatedAt = ? WHERE id = ? AND generation = ? AND state = 'running'",
                args(now + lease, now, claim.job.id, claim.generation)) == 1
        }
    }

    /// Marks a job done and adds the jobs that follow it, in one transaction, if the claim still holds.
    public func completeJob(_ claim: JobClaim, then next: [HubJob.Key] = [], at date: Date = Date()) throws {
        try write("cannot complete a job") { db in
            try Self.complete(claim, at: date, db)
            try Self.enqueue(next, at: date, db)
        }
    }

    /// Records a job's failure: queued again at `retryAt`, or failed for good (kept with its error) when nil.
    public func failJob(_ claim: JobClaim, error message: String, retryAt: Date?, at date: Date = Date()) throws {
        try write("cannot record a job's failure") { db in
            try Self.checkFence(claim, db)
            try db.execute(
                "UPDATE hubJob SET state = ?, runAfter = ?, leaseUntil = NULL, lastError = ?, updatedAt = ? WHERE id = ?",
                args(retryAt == nil ? HubJob.State.failed.rawValue : HubJob.State.queued.rawValue,
                     (retryAt ?? date).timeIntervalSince1970, String(message.prefix(500)), date.timeIntervalSince1970, claim.job.id))
        }
    }

    /// Queues again, for this pass, the reports and deliveries of a repository that failed in earlier passes.
    public func requeueFailedJobs(repository: String, at date: Date = Date()) throws {
        try write("cannot queue jobs") { db in
            try db.execute(
                "UPDATE hubJob SET state = 'queued', attempts = 0, runAfter = ?, updatedAt = ? WHERE repository = ? AND state = 'failed' AND kind <> 'ingest'",
                args(date.timeIntervalSince1970, date.timeIntervalSince1970, repository))
        }
    }

    /// Jobs of these repositories still queued or running: a pass ends when there are none.
    public func openJobCount(repositories: [String]) throws -> Int {
        guard !repositories.isEmpty else { return 0 }
        return try read("cannot read jobs") { db in
            let names = placeholders(repositories.count)
            return try db.value(
                Int.self, "SELECT COUNT(*) FROM hubJob WHERE state IN ('queued', 'running') AND repository IN (\(names))",
                repositories.map(\.sqlValue)) ?? 0
        }
    }

    public func job(_ id: Int64) throws -> HubJob? {
        try read("cannot read jobs") { db in
            try db.row("SELECT \(Self.jobColumns) FROM hubJob WHERE id = ?", args(id)).map(Self.job)
        }
    }

    /// Jobs in the given states, newest first: for the website.
    public func jobs(in states: [HubJob.State], limit: Int = 100) throws -> [HubJob] {
        guard !states.isEmpty else { return [] }
        return try read("cannot read jobs") { db in
            let marks = placeholders(states.count)
            return try db.rows(
                "SELECT \(Self.jobColumns) FROM hubJob WHERE state IN (\(marks)) ORDER BY updatedAt DESC, id DESC LIMIT ?",
                states.map(\.rawValue.sqlValue) + args(limit)
            ).map(Self.job)
        }
    }

    /// How many jobs are in each state (one grouped query, for the metrics).
    public func jobCounts() throws -> [HubJob.State: Int] {
        try read("cannot read jobs") { db in
            var counts: [HubJob.State: Int] = [:]
            for row in try db.rows("SELECT state, COUNT(*) FROM hubJob GROUP BY state") {
                if let state = HubJob.State(rawValue: try row[0]) { counts[state] = try row[1] }
            }
            return counts
        }
    }

    /// Marks a claimed job done inside the caller's transaction, refused unless the claim still holds.
    static func complete(_ claim: JobClaim, at date: Date, _ db: any SQLSession) throws {
        try checkFence(claim, db)
        try db.execute(
            "UPDATE hubJob SET state = 'done', leaseUntil = NULL, lastError = NULL, updatedAt = ? WHERE id = ?",
            args(date.timeIntervalSince1970, claim.job.id))
    }

    /// Refuses the transaction unless the claim is still the job's latest. On PostgreSQL the update also
    /// locks the row until commit, so no claim can slip in between this check and the writes after it.
    static func checkFence(_ claim: JobClaim, _ db: any SQLSession) throws {
        let held = try db.execute(
            "UPDATE hubJob SET updatedAt = updatedAt WHERE id = ? AND generation = ? AND state = 'running'",
            args(claim.job.id, claim.generation))
        guard held == 1 else { throw JobLost(job: claim.job.id) }
    }
}

extension Store {
    /// Records a message to `target` at `date` when fewer than `count` went to it in each of the last
    /// `seconds` windows; otherwise records nothing and returns how long until one would be allowed.
    /// Processes reserving for the same target at once are serialised (SQLite's write lock; an advisory
    /// lock per target on PostgreSQL), so together they never exceed a limit.
    public func reserveSend(_ target: String, limits: [(count: Int, seconds: Double)], at date: Date = Date()) throws -> TimeInterval? {
        let now = date.timeIntervalSince1970
        let window = limits.map(\.seconds).max() ?? 60
        return try write("cannot pace messages") { db in
            if db.dialect == .postgres {
                try db.execute("SELECT pg_advisory_xact_lock(hashtext(?))", args("prhub-send:" + target))
            }
            try db.execute("DELETE FROM hubSend WHERE target = ? AND sentAt <= ?", args(target, now - window))
            let recent = try db.values(Double.self, "SELECT sentAt FROM hubSend WHERE target = ? ORDER BY sentAt DESC", args(target))
            var wait: TimeInterval = 0
            for limit in limits where limit.count > 0 {
                let inWindow = recent.filter { now - $0 < limit.seconds }
                // The send that must leave the window before another fits in it.
                if inWindow.count >= limit.count { wait = max(wait, inWindow[limit.count - 1] + limit.seconds - now) }
            }
            guard wait <= 0 else { return wait }
            try db.execute("INSERT INTO hubSend (target, sentAt) VALUES (?, ?)", args(target, now))
            return nil
        }
    }
}
