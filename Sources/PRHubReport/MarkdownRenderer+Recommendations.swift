import PRHubModel

extension MarkdownRenderer {
    func recommendations(_ d: Digest) -> String {
        guard !d.recommendations.isEmpty else {
            return pick("本周没有需要跟进的事项。", "Nothing needs following up this week.")
        }
        return d.recommendations.enumerated().map { index, item in
            "\(index + 1). \(linked(item.text, d))"
        }.joined(separator: "\n") + "\n"
    }
}
