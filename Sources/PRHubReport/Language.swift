/// The languages reports are written in.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// Picks the Chinese or English text.
    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// `3 个 PR` / `3 PRs` / `1 PR`.
    func count(_ n: Int, _ zhUnit: String, _ enSingular: String, _ enPlural: String? = nil) -> String {
        self == .zh ? "\(n) \(zhUnit)" : "\(n) \(n == 1 ? enSingular : enPlural ?? enSingular + "s")"
    }

    /// Joins a list the way each language does: `a、b 和 c` / `a, b and c`.
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let head = items.dropLast().joined(separator: self == .zh ? "、" : ", ")
        return head + pick(" 和 ", " and ") + items.last!
    }
}
