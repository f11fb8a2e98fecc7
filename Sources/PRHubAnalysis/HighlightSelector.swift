/// Picks the PRs worth a close read: about a quarter of the week, at least 5 and at most 20,
/// taken in turns from each substantive theme, then the rest by importance, insight and size.
enum HighlightSelector {
    static func target(count: Int) -> Int {
        min(count, max(5, min(20, Int((Double(count) / 4).rounded()))))
    }

    static func select(_ prs: [WeekAnalysis.AnalyzedPR], themes: [(key: String, prs: [Int])]) -> [Int] {
        let ranked = prs.sorted(by: isBetter)
        let limit = target(count: prs.count)
        var chosen: [Int] = []
        // Round-robin over substantive themes: each round takes the best remaining PR of importance 3+
        // from every theme, so one busy theme cannot fill the list alone. Then the rest by rank.
        let substantive = themes.filter { !["ci", "doc"].contains($0.key) }.map { Set($0.prs) }
        var progress = true
        while chosen.count < limit && progress {
            progress = false
            for members in substantive where chosen.count < limit {
                if let best = ranked.first(where: {
                    members.contains($0.pullRequest.number) && $0.importance >= 3 && !chosen.contains($0.pullRequest.number)
                }) {
                    chosen.append(best.pullRequest.number)
                    progress = true
                }
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
