/// The languages reports are written in. Analysis and the digest have none: only writers pick one.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zh, en

    /// Picks the Chinese or English text.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// `3 个 PR` / `3 PRs` / `1 PR`.
    public func count(_ n: Int, _ zhUnit: String, _ enSingular: String, _ enPlural: String? = nil) -> String {
        self == .zh ? "\(n) \(zhUnit)" : "\(n) \(n == 1 ? enSingular : enPlural ?? enSingular + "s")"
    }

    /// Joins a list the way each language does: `a、b和c` / `a, b and c`.
    public func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let head = items.dropLast().joined(separator: self == .zh ? "、" : ", ")
        return head + pick("和", " and ") + items.last!
    }
}
