import Foundation

extension Store {
    /// A language model's reply stored under the hash of its model and prompt.
    public func llmReply(for key: String) throws -> String? {
        try read("cannot read cached replies") { db in try db.value(String.self, "SELECT reply FROM llmReply WHERE key = ?", args(key)) }
    }

    public func storeLLMReply(_ reply: String, for key: String) throws {
        try write("cannot cache a reply") { db in
            try db.execute(
                """
                INSERT INTO llmReply (key, reply, createdAt) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET reply = excluded.reply, createdAt = excluded.createdAt
                """,
                args(key, reply, Date().timeIntervalSince1970))
        }
    }
}
