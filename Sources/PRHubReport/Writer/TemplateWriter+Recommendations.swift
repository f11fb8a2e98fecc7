import PRHubModel

extension TemplateWriter {
    func recommendations(_ facts: WeekFacts, _ detail: Detail) -> [Block] {
        let items = facts.digest.recommendations.prefix(detail.recommendations).map { Wording.recommendation($0, language) }
        guard !items.isEmpty else { return [.paragraph([.text(pick("本周没有需要跟进的事项。", "Nothing needs following up this week."))])] }
        return [.list(Array(items))]
    }
}
