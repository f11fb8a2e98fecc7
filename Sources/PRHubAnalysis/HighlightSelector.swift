/// Picks the PRs worth a close read: about a quarter of the week, at least 5 and at most 20,
/// the best of each substantive theme first, then the rest by importance, insight and size.
enum HighlightSelector {
    static func target(count: Int) -> Int {
        min(count, max(5, min(20, Int((Double(count) / 4).rounded()))))
    }

    static func select(_ prs: [WeekAnalysis.AnalyzedPR], themes: [(key: String, prs: [Int])]) -> [Int] {
        let ranked = prs.sorted(by: isBetter)
        let limit = target(count: prs.count)
        var chosen: [Int] = []
        for theme in themes where !["ci", "doc"].contains(theme.key) {
            if let best = ranked.first(where: { theme.prs.contains($0.pullRequest.number) && $0.importance >= 3 }),
                chosen.count < limit
            {
                chosen.append(best.pullRequest.number)
            }
        }
        for pr in ranked where chosen.count < limit && !chosen.contains(pr.pullRequest.number) {
            chosen.append(pr.pullRequest.number)
        }
        let byNumber = Dictionary(uniqueKeysWithValues: prs.map { ($0.pullRequest.number, $0) })
        return chosen.sorted { isBetter(byNumber[$0]!, byNumber[$1]!) }
    }

    static func isBetter(_ a: WeekAnalysis.AnalyzedPR, _ b: WeekAnalysis.AnalyzedPR) -> Bool {
        if a.importance != b.importance { return a.importance > b.importance }
        if a.insight != b.insight { return a.insight > b.insight }
        let sizeA = a.pullRequest.additions + a.pullRequest.deletions
        let sizeB = b.pullRequest.additions + b.pullRequest.deletions
        if sizeA != sizeB { return sizeA > sizeB }
        return a.pullRequest.number < b.pullRequest.number
    }
}
