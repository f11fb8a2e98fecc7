import PRHubModel

/// Picks the PRs worth a close read: about a quarter of the week, at least 5 and at most 20.
///
/// Importance decides who is in: every highlight is at least as important as every PR left out, but for a
/// PR undone the same week (read through its revert or its re-land). Among PRs of equal importance the
/// reading order decides: importance points (uncapped), a point for the lead PR of each substantive theme
/// (so the week's themes are each seen), two points for a description that teaches, a point for news a lead
/// must have (a failure, a release, a breaking change, a deprecation, an upstream sync), then size, then insight.
/// Size comes before insight because among equally important PRs the lead reads the bigger change first;
/// a well-written description of a small change rarely earns a seat (measured on the labeled weeks).
enum HighlightSelector {
    static func target(count: Int) -> Int {
        min(count, max(5, min(20, Int((Double(count) / 4).rounded()))))
    }

    static func select(_ prs: [WeekAnalysis.AnalyzedPR], themes: [(key: ChangeKind, prs: [Int])]) -> [Int] {
        let undone = undoneWithinThePeriod(prs)
        // Indices are sorted by keys read once: comparing the PRs themselves copied them at every step.
        var keys = prs.map(Standing.init)
        let themeOf = Dictionary(themes.flatMap { theme in theme.prs.map { ($0, theme.key) } }, uniquingKeysWith: { first, _ in first })
        let leads = prs.indices.sorted { keys[$0] > keys[$1] }
        for theme in themes where !theme.key.isUpkeep {
            let lead = leads.first {
                themeOf[prs[$0].pullRequest.number] == theme.key && prs[$0].importance >= 3 && !undone.contains(prs[$0].pullRequest.number)
            }
            if let lead { keys[lead].rank += 1 }
        }
        let order = prs.indices.sorted { (prs[$0].importance, keys[$0]) > (prs[$1].importance, keys[$1]) }
        let standing = order.filter { !undone.contains(prs[$0].pullRequest.number) }
        let limit = target(count: prs.count)
        // A small week can have seats left for what was undone.
        let chosen = standing.prefix(limit) + order.filter { undone.contains(prs[$0].pullRequest.number) }.prefix(max(0, limit - standing.count))
        return chosen.map { prs[$0].pullRequest.number }
    }

    /// PRs whose work the period itself undid: one reverted within it, and a revert whose work landed again
    /// after it within the period (the re-land tells the whole story). A fix merged before the revert is no
    /// re-land: the revert still undoes the work.
    static func undoneWithinThePeriod(_ prs: [WeekAnalysis.AnalyzedPR]) -> Set<Int> {
        let reverted = Set(prs.compactMap(\.reverts))
        let relanded = prs.filter { revert in
            guard let target = revert.reverts else { return false }
            return prs.contains { $0.fixes.contains(target) && $0.pullRequest.mergedAt > revert.pullRequest.mergedAt }
        }
        return reverted.union(relanded.map(\.pullRequest.number))
    }

    /// Importance points, plus two for a description that teaches (insight 4 or 5: causes, measurements) and
    /// one for news a lead must have whatever the size (a failure, a release, a breaking change, a deprecation,
    /// a move onto a newer upstream). Two, not one: among PRs of equal importance the labeled weeks highlight
    /// about half of those that teach and a sixth of the rest, more than any one reason on the diff predicts.
    static func rank(_ pr: WeekAnalysis.AnalyzedPR) -> Int {
        pr.importancePoints + (pr.insight >= 4 ? 2 : 0) + (pr.impacts.contains(where: Scoring.news.contains) ? 1 : 0)
    }

    /// Where a PR stands in the reading order: rank, then size, then insight; the lower number first on a tie.
    struct Standing: Comparable {
        var rank: Int
        let size: Int, insight: Int, number: Int

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
