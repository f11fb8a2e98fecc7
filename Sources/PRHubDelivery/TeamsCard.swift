import PRHubModel

/// Microsoft Teams Workflows webhook: a message carrying one Adaptive Card (title, Markdown text blocks,
/// a button to the report).
enum TeamsCard {
    static func payload(_ message: WeekMessage) -> [String: Any] {
        let lines = MarkdownLines.lines(message, title: false)
        let title = MarkupText.oneLine(message.heading)
        let body: [[String: Any]] = [["type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": true]]
            + lines.dropLast().map { ["type": "TextBlock", "text": $0, "wrap": true] }
        return [
            "type": "message",
            "attachments": [[
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": [
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
                    "body": body,
                    "actions": [["type": "Action.OpenUrl", "title": message.headings.link, "url": message.url]],
                ],
            ]],
        ]
    }
}
