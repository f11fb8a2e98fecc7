import PRHubModel

/// A generic JSON webhook: the message's facts as fields, for a team's own automation.
enum JSONWebhook {
    static func payload(_ message: WeekMessage) -> [String: Any] {
        func items(_ list: [WeekMessage.Item]) -> [[String: Any]] {
            list.map { item in
                var object: [String: Any] = ["text": item.text]
                if let count = item.count { object["count"] = count }
                if let number = item.number { object["number"] = number }
                if let url = item.url { object["url"] = url }
                return object
            }
        }
        return [
            "repo": message.repo, "language": message.language.rawValue, "title": message.title, "summary": message.summary,
            "prCount": message.prCount, "url": message.url, "update": message.isUpdate,
            "themes": items(message.themes), "highlights": items(message.highlights), "risks": items(message.risks),
        ]
    }
}
