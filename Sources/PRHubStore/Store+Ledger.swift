import Foundation
import PRHubModel

/// The hub's ledger: which week's report was written with which inputs, and what was delivered where.
/// It makes a pass idempotent: a pass killed at any point and run again skips what is done.
extension Store {
    public struct DeliveryKey: Sendable, Hashable {
        public var repository: String
        public var week: String
        public var language: String
        public var target: String
        public init(repository: String, week: String, language: String, target: String) {
            self.repository = repository
            self.week = week
            self.language = language
            self.target = target
        }
    }

    public struct DeliveryRecord: Sendable, Equatable {
        public enum State: String, Sendable { case sending, sent, failed }
        public var state: State
        public var inputHash: String
        public var sentHash: String?
        public var attempts: Int
        public var lastError: String?
        public var updatedAt: Date

        /// Reads `state, inputHash, sentHash, attempts, lastError, updatedAt` starting at column `first`.
        init(row: SQLRow, from first: Int) throws {
            state = State(rawValue: try row[first]) ?? .failed
            inputHash = try row[first + 1]
            sentHash = try row[first + 2]
            attempts = try row[first + 3]
            lastError = try row[first + 4]
            updatedAt = Date(timeIntervalSince1970: try row[first + 5])
        }
    }

    /// How many times each report was written: (repository, week, language) → writes.
    public func reportWrites() throws -> [String: Int] {
        try read("cannot read the ledger") { db in
            var writes: [String: Int] = [:]
            for row in try db.rows("SELECT repository, week, language, writes FROM hubReport") {
                writes["\(try row[0] as String) \(try row[1] as String) \(try row[2] as String)"] = try row[3]
            }
            return writes
        }
    }

    /// The input hash the report of this week and language was last written with.
    public func writtenReportHash(repository: String, week: String, language: String) throws -> String? {
        try read("cannot read the ledger") { db in
            try db.value(
                String.self, "SELECT inputHash FROM hubReport WHERE repository = ? AND week = ? AND language = ?",
                args(repository, week, language))
        }
    }

    /// Records that a week's report was written (counting the writes). With `fence`, only while that claim holds.
    public func recordReport(
        repository: String, week: String, language: String, inputHash: String, at date: Date = Date(), fence: JobClaim? = nil
    ) throws {
        try write("cannot write the ledger") { db in
            if let fence { try Self.checkFence(fence, db) }
            try db.execute(
                """
                INSERT INTO hubReport (repository, week, language, inputHash, writtenAt) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (repository, week, language) DO UPDATE SET inputHash = excluded.inputHash,
                    writtenAt = excluded.writtenAt, writes = hubReport.writes + 1
                """,
                args(repository, week, language, inputHash, date.timeIntervalSince1970))
        }
    }

    public func delivery(_ key: DeliveryKey) throws -> DeliveryRecord? {
        try read("cannot read the ledger") { db in
            guard let row = try db.row(
                """
                SELECT state, inputHash, sentHash, attempts, lastError, updatedAt FROM hubDelivery
                WHERE repository = ? AND week = ? AND language = ? AND target = ?
                """,
                args(key.repository, key.week, key.language, key.target))
            else { return nil }
            return try DeliveryRecord(row: row, from: 0)
        }
    }

    /// Written before a message goes out (committed, so a crash leaves it `sending`).
    public func recordAttempt(_ key: DeliveryKey, inputHash: String, at date: Date = Date(), fence: JobClaim? = nil) throws {
        try write("cannot write the ledger") { db in
            if let fence { try Self.checkFence(fence, db) }
            try db.execute(
                """
                INSERT INTO hubDelivery (repository, week, language, target, state, inputHash, attempts, updatedAt)
                VALUES (?, ?, ?, ?, 'sending', ?, 1, ?)
                ON CONFLICT (repository, week, language, target) DO UPDATE SET
                    state = 'sending', inputHash = excluded.inputHash, attempts = hubDelivery.attempts + 1, updatedAt = excluded.updatedAt
                """,
                args(key.repository, key.week, key.language, key.target, inputHash, date.timeIntervalSince1970))
        }
    }

    /// With `fence`, also completes that job, in the same transaction.
    public func recordSent(_ key: DeliveryKey, inputHash: String, at date: Date = Date(), fence: JobClaim? = nil) throws {
        try write("cannot write the ledger") { db in
            if let fence { try Self.complete(fence, at: date, db) }
            try db.execute(
                """
                UPDATE hubDelivery SET state = 'sent', sentHash = ?, lastError = NULL, updatedAt = ?
                WHERE repository = ? AND week = ? AND language = ? AND target = ?
                """,
                args(inputHash, date.timeIntervalSince1970, key.repository, key.week, key.language, key.target))
        }
    }

    public func recordFailure(_ key: DeliveryKey, error message: String, at date: Date = Date(), fence: JobClaim? = nil) throws {
        try write("cannot write the ledger") { db in
            if let fence { try Self.checkFence(fence, db) }
            try db.execute(
                """
                UPDATE hubDelivery SET state = 'failed', lastError = ?, updatedAt = ?
                WHERE repository = ? AND week = ? AND language = ? AND target = ?
                """,
                args(String(message.prefix(500)), date.timeIntervalSince1970, key.repository, key.week, key.language, key.target))
        }
    }

    /// Every delivery row, newest first: for the website and the metrics.
    public func deliveries(limit: Int = 500) throws -> [(key: DeliveryKey, record: DeliveryRecord)] {
        try read("cannot read the ledger") { db in
            try db.rows(
                """
                SELECT repository, week, language, target, state, inputHash, sentHash, attempts, lastError, updatedAt
                FROM hubDelivery ORDER BY updatedAt DESC LIMIT ?
                """,
                args(limit)
            ).map { row in
                (DeliveryKey(repository: try row[0], week: try row[1], language: try row[2], target: try row[3]),
                 try DeliveryRecord(row: row, from: 4))
            }
        }
    }

    /// How many deliveries are in each state (one grouped query, for the metrics).
    public func deliveryCounts() throws -> [DeliveryRecord.State: Int] {
        try read("cannot read the ledger") { db in
            var counts: [DeliveryRecord.State: Int] = [:]
            for row in try db.rows("SELECT state, COUNT(*) FROM hubDelivery GROUP BY state") {
                if let state = DeliveryRecord.State(rawValue: try row[0]) { counts[state] = try row[1] }
            }
            return counts
        }
    }

    /// A pass begins; returns its id.
    public func startPass(at date: Date = Date()) throws -> Int64 {
        try write("cannot write the ledger") { db in
            guard let id = try db.value(Int64.self, "INSERT INTO hubPass (startedAt) VALUES (?) RETURNING id", args(date.timeIntervalSince1970))
            else { throw PRHubError(.store, "cannot write the ledger") }
            return id
        }
    }

    public func endPass(_ id: Int64, failures: Int, at date: Date = Date()) throws {
        try write("cannot write the ledger") { db in
            try db.execute("UPDATE hubPass SET endedAt = ?, failures = ? WHERE id = ?", args(date.timeIntervalSince1970, failures, id))
        }
    }

    /// When the last pass that ran to its end started, if any did.
    public func lastCompletedPass() throws -> Date? {
        try read("cannot read the ledger") { db in
            try db.value(Double.self, "SELECT MAX(startedAt) FROM hubPass WHERE endedAt IS NOT NULL").map(Date.init(timeIntervalSince1970:))
        }
    }
}
