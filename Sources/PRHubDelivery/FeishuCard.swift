import PRHubModel

/// Feishu / Lark custom bot: an `interactive` card — a header with the title, one `lark_md` block, and a
/// button to the report.
enum FeishuCard {
    static func payload(_ message: WeekMessage) -> [String: Any] {
        let text = MarkdownLines.lines(
            message, escape: MarkupText.larkMarkdown, link: { "[\($0)](\($1))" }, title: false
        ).dropLast().joined(separator: "\n")
        return [
            "msg_type": "interactive",
            "card": [
                "config": ["wide_screen_mode": true],
                "header": ["title": ["tag": "plain_text", "content": MarkupText.oneLine(message.heading)], "template": message.isUpdate ? "orange" : "blue"],
                "elements": [
                    ["tag": "div", "text": ["tag": "lark_md", "content": text]],
                    ["tag": "action", "actions": [[
                        "tag": "button", "type": "primary", "url": message.url,
                        "text": ["tag": "plain_text", "content": message.headings.link],
                    ]]],
                ],
            ],
        ]
    }
}
