import Foundation
import GRDB
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
    }

    /// The input hash the report of this week and language was last written with.
    public func writtenReportHash(repository: String, week: String, language: String) throws -> String? {
        try perform("cannot read the ledger") {
            try writer.read { db in
                try String.fetchOne(
                    db, sql: "SELECT inputHash FROM hubReport WHERE repository = ? AND week = ? AND language = ?",
                    arguments: [repository, week, language])
            }
        }
    }

    public func recordReport(repository: String, week: String, language: String, inputHash: String, at date: Date = Date()) throws {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO hubReport (repository, week, language, inputHash, writtenAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [repository, week, language, inputHash, date.timeIntervalSince1970])
            }
        }
    }

    public func delivery(_ key: DeliveryKey) throws -> DeliveryRecord? {
        try perform("cannot read the ledger") {
            try writer.read { db in
                guard let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT state, inputHash, sentHash, attempts, lastError, updatedAt FROM hubDelivery
                        WHERE repository = ? AND week = ? AND language = ? AND target = ?
                        """,
                    arguments: [key.repository, key.week, key.language, key.target])
                else { return nil }
                return DeliveryRecord(
                    state: DeliveryRecord.State(rawValue: row[0]) ?? .failed, inputHash: row[1], sentHash: row[2], attempts: row[3],
                    lastError: row[4], updatedAt: Date(timeIntervalSince1970: row[5]))
            }
        }
    }

    /// Written before a message goes out (committed, so a crash leaves it `sending`).
    public func recordAttempt(_ key: DeliveryKey, inputHash: String, at date: Date = Date()) throws {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO hubDelivery (repository, week, language, target, state, inputHash, attempts, updatedAt)
                        VALUES (?, ?, ?, ?, 'sending', ?, 1, ?)
                        ON CONFLICT (repository, week, language, target) DO UPDATE SET
                            state = 'sending', inputHash = excluded.inputHash, attempts = attempts + 1, updatedAt = excluded.updatedAt
                        """,
                    arguments: [key.repository, key.week, key.language, key.target, inputHash, date.timeIntervalSince1970])
            }
        }
    }

    public func recordSent(_ key: DeliveryKey, inputHash: String, at date: Date = Date()) throws {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE hubDelivery SET state = 'sent', sentHash = ?, lastError = NULL, updatedAt = ?
                        WHERE repository = ? AND week = ? AND language = ? AND target = ?
                        """,
                    arguments: [inputHash, date.timeIntervalSince1970, key.repository, key.week, key.language, key.target])
            }
        }
    }

    public func recordFailure(_ key: DeliveryKey, error message: String, at date: Date = Date()) throws {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE hubDelivery SET state = 'failed', lastError = ?, updatedAt = ?
                        WHERE repository = ? AND week = ? AND language = ? AND target = ?
                        """,
                    arguments: [String(message.prefix(500)), date.timeIntervalSince1970, key.repository, key.week, key.language, key.target])
            }
        }
    }

    /// Every delivery row, newest first: for the website and the metrics.
    public func deliveries(limit: Int = 500) throws -> [(key: DeliveryKey, record: DeliveryRecord)] {
        try perform("cannot read the ledger") {
            try writer.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT repository, week, language, target, state, inputHash, sentHash, attempts, lastError, updatedAt
                        FROM hubDelivery ORDER BY updatedAt DESC LIMIT ?
                        """,
                    arguments: [limit]
                ).map { row in
                    (DeliveryKey(repository: row[0], week: row[1], language: row[2], target: row[3]),
                     DeliveryRecord(
                        state: DeliveryRecord.State(rawValue: row[4]) ?? .failed, inputHash: row[5], sentHash: row[6], attempts: row[7],
                        lastError: row[8], updatedAt: Date(timeIntervalSince1970: row[9])))
                }
            }
        }
    }

    /// How many deliveries are in each state (one grouped query, for the metrics).
    public func deliveryCounts() throws -> [DeliveryRecord.State: Int] {
        try perform("cannot read the ledger") {
            try writer.read { db in
                var counts: [DeliveryRecord.State: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM hubDelivery GROUP BY state") {
                    if let state = DeliveryRecord.State(rawValue: row[0]) { counts[state] = row[1] }
                }
                return counts
            }
        }
    }

    /// A pass begins; returns its id.
    public func startPass(at date: Date = Date()) throws -> Int64 {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(sql: "INSERT INTO hubPass (startedAt) VALUES (?)", arguments: [date.timeIntervalSince1970])
                return db.lastInsertedRowID
            }
        }
    }

    public func endPass(_ id: Int64, failures: Int, at date: Date = Date()) throws {
        try perform("cannot write the ledger") {
            try writer.write { db in
                try db.execute(sql: "UPDATE hubPass SET endedAt = ?, failures = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, failures, id])
            }
        }
    }

    /// When the last pass that ran to its end started, if any did.
    public func lastCompletedPass() throws -> Date? {
        try perform("cannot read the ledger") {
            try writer.read { db in
                try Double.fetchOne(db, sql: "SELECT MAX(startedAt) FROM hubPass WHERE endedAt IS NOT NULL").map(Date.init(timeIntervalSince1970:))
            }
        }
    }
}
