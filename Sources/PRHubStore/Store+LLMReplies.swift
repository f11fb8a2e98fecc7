import Foundation
import GRDB

extension Store {
    /// A language model's reply stored under the hash of its model and prompt.
    public func llmReply(for key: String) throws -> String? {
        try perform("cannot read cached replies") {
            try writer.read { db in try String.fetchOne(db, sql: "SELECT reply FROM llmReply WHERE key = ?", arguments: [key]) }
        }
    }

    public func storeLLMReply(_ reply: String, for key: String) throws {
        try perform("cannot cache a reply") {
            try writer.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO llmReply (key, reply, createdAt) VALUES (?, ?, ?)",
                    arguments: [key, reply, Date().timeIntervalSince1970])
            }
        }
    }
}
