import PRHubModel

/// Slack incoming webhook: Block Kit — a header, sections of `mrkdwn` (each at most 3,000 characters), and
/// `text` as the notification's fallback.
enum SlackBlocks {
    static func sections(_ message: WeekMessage) -> [String] {
        let lines = MarkdownLines.lines(
            message, escape: MarkupText.slack, link: { "<\($1)|\(MarkupText.slack($0).replacingOccurrences(of: "|", with: "¦"))>" },
            bold: { "*\($0)*" }, title: false)
        return [lines.dropLast().joined(separator: "\n"), lines.last ?? ""]
    }

    static func payload(_ message: WeekMessage) -> [String: Any] {
        let title = MarkupText.oneLine(message.heading)
        return [
            "text": title + " — " + message.url,
            "blocks": [["type": "header", "text": ["type": "plain_text", "text": String(title.prefix(150))]]]
                + sections(message).map { ["type": "section", "text": ["type": "mrkdwn", "text": $0]] },
        ]
    }
}
