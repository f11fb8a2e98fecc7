import PRHubModel

/// Picks the PRs worth a close read: about a quarter of the week, at least 5 and at most 20.
/// The best PR of each substantive theme comes first, so every theme is seen; the rest go by
/// importance points (uncapped), then size, then insight, with no theme taking more than 40% of the list
/// while others wait.
/// Size comes before insight because among equally important PRs the lead reads the bigger change first;
/// a well-written description of a small change rarely earns a seat (measured on the labeled weeks).
enum HighlightSelector {
    static func target(count: Int) -> Int {
        min(count, max(5, min(20, Int((Double(count) / 4).rounded()))))
    }

    static func select(_ prs: [WeekAnalysis.AnalyzedPR], themes: [(key: ChangeKind, prs: [Int])]) -> [Int] {
        // A PR undone within the same period is read through its revert, which names it: it waits until last.
        // So does a revert whose work lands again the same period: the re-land tells the whole story.
        let relanded = Set(prs.flatMap(\.fixes))
        let undone = Set(prs.compactMap(\.reverts))
            .union(prs.filter { pr in pr.reverts.map(relanded.contains) == true }.map(\.pullRequest.number))
        // Indices are sorted by keys read once: comparing the PRs themselves copied them at every step.
        let keys = prs.map(Standing.init)
        let byRank = prs.indices.sorted { keys[$0] > keys[$1] }
        let ranked = byRank.filter { !undone.contains(prs[$0].pullRequest.number) } + byRank.filter { undone.contains(prs[$0].pullRequest.number) }
        let limit = target(count: prs.count)
        let themeOf = Dictionary(themes.flatMap { theme in theme.prs.map { ($0, theme.key) } }, uniquingKeysWith: { first, _ in first })
        var chosen: [Int] = []
        var taken = Set<Int>()
        var perTheme: [ChangeKind: Int] = [:]
        // The cap counts a PR's own theme, not the broader one it is shown under when a week has too many
        // themes: model, platform and distributed work all merge into "feature" then, yet are distinct work.
        func take(_ index: Int) {
            chosen.append(index)
            taken.insert(index)
            perTheme[prs[index].kind, default: 0] += 1
        }
        for theme in themes where !theme.key.isUpkeep && chosen.count < limit {
            if let best = ranked.first(where: { themeOf[prs[$0].pullRequest.number] == theme.key && prs[$0].importance >= 3 }) {
                take(best)
            }
        }
        let cap = max(2, Int((Double(limit) * 0.4).rounded(.up)))
        for index in ranked where chosen.count < limit && !taken.contains(index) {
            if perTheme[prs[index].kind, default: 0] < cap { take(index) }
        }
        for index in ranked where chosen.count < limit && !taken.contains(index) { take(index) }
        return chosen.sorted { keys[$0] > keys[$1] }.map { prs[$0].pullRequest.number }
    }

    /// Importance points, plus one for a description that teaches (insight 4 or 5: causes, measurements).
    static func rank(_ pr: WeekAnalysis.AnalyzedPR) -> Int {
        pr.importancePoints + (pr.insight >= 4 ? 1 : 0)
    }

    /// Where a PR stands in the reading order: rank, then size, then insight; the lower number first on a tie.
    struct Standing: Comparable {
        let rank: Int, size: Int, insight: Int, number: Int

        init(_ pr: WeekAnalysis.AnalyzedPR) {
            rank = HighlightSelector.rank(pr)
            size = pr.pullRequest.additions + pr.pullRequest.deletions
            insight = pr.insight
            number = pr.pullRequest.number
        }

        /// `a < b` when `b` is read first.
        static func < (a: Standing, b: Standing) -> Bool {
            (a.rank, a.size, a.insight, b.number) < (b.rank, b.size, b.insight, a.number)
        }
    }
}
