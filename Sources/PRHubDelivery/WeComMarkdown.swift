import PRHubModel

/// WeCom group robot: a `markdown` message whose content is at most 4,096 bytes of UTF-8.
enum WeComMarkdown {
    static func content(_ message: WeekMessage) -> String { MarkdownLines.lines(message, escape: MarkupText.lookalike).joined(separator: "\n") }

    static func payload(_ message: WeekMessage) -> [String: Any] {
        ["msgtype": "markdown", "markdown": ["content": content(message)]]
    }
}
