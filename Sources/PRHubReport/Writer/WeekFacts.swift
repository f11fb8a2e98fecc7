import PRHubModel

/// The digest indexed the way writers read it: PRs by number, each PR's theme, PRs in order of weight.
struct WeekFacts {
    let digest: Digest
    let byNumber: [Int: Digest.PR]
    let themeOf: [Int: Digest.Theme]
    let highlights: Set<Int>
    /// Each PR's place when all of them are ordered by weight (`weightier`), computed once.
    let rank: [Int: Int]
    /// Every PR of the week, weightiest first.
    let byWeight: [Digest.PR]

    init(_ digest: Digest) {
        self.digest = digest
        byNumber = Dictionary(digest.prs.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var themeOf: [Int: Digest.Theme] = [:]
        for theme in digest.themes { for number in theme.prs { themeOf[number] = theme } }
        self.themeOf = themeOf
        highlights = Set(digest.highlights)
        let highlighted = highlights
        func key(_ pr: Digest.PR) -> (Int, Int, Int, Int, Int) {
            (highlighted.contains(pr.number) ? 1 : 0, pr.importance, pr.insight, pr.additions + pr.deletions, -pr.number)
        }
        let order = digest.prs.indices.sorted { key(digest.prs[$0]) > key(digest.prs[$1]) }
        byWeight = order.map { digest.prs[$0] }
        rank = Dictionary(order.enumerated().map { (digest.prs[$0.element].number, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    func pr(_ number: Int) -> Digest.PR? { byNumber[number] }

    /// The PRs of these numbers, weightiest first: highlights, then importance, insight, size; ties by number.
    func ranked(_ numbers: [Int]) -> [Digest.PR] {
        numbers.filter { rank[$0] != nil }.sorted { rank[$0]! < rank[$1]! }.compactMap(pr)
    }

    /// Modules worth naming: not the catch-all for files at the root.
    var modules: [Digest.NameCount] { digest.modules.filter { !$0.name.hasPrefix("(") } }
}
