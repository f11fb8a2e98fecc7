import PRHubModel

/// DingTalk custom robot: a `markdown` message (its title shows in the notification).
enum DingTalkMarkdown {
    static func payload(_ message: WeekMessage) -> [String: Any] {
        [
            "msgtype": "markdown",
            "markdown": [
                "title": MarkupText.oneLine(message.title + " · " + message.repo),
                "text": MarkdownLines.lines(message, escape: MarkupText.lookalike).joined(separator: "\n\n"),
            ],
        ]
    }
}
