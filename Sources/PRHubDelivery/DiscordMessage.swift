import PRHubModel

/// Discord webhook: one embed (title linking to the report, the rest as its description); no mention in
/// any title can ping anyone (`allowed_mentions` empty).
enum DiscordMessage {
    static func description(_ message: WeekMessage) -> String {
        MarkdownLines.lines(message, title: false).joined(separator: "\n")
    }

    static func title(_ message: WeekMessage) -> String {
        MarkupText.oneLine(message.heading)
    }

    /// Title ≤ 256, description ≤ 4,096, and the embed's text ≤ 6,000 in all.
    static func fits(_ message: WeekMessage) -> Bool {
        let title = title(message).count
        let description = description(message).count
        return title <= 256 && description <= 4_096 && title + description <= 6_000
    }

    static func payload(_ message: WeekMessage) -> [String: Any] {
        [
            "allowed_mentions": ["parse": [String]()],
            "embeds": [["title": title(message), "url": message.url, "description": description(message)]],
        ]
    }
}
