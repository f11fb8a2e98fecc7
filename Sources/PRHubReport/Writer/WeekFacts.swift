import PRHubModel

/// The digest indexed the way writers read it: PRs by number, each PR's theme, PRs in order of weight.
struct WeekFacts {
    let digest: Digest
    let byNumber: [Int: Digest.PR]
    let themeOf: [Int: Digest.Theme]
    let highlights: Set<Int>

    init(_ digest: Digest) {
        self.digest = digest
        byNumber = Dictionary(uniqueKeysWithValues: digest.prs.map { ($0.number, $0) })
        var themeOf: [Int: Digest.Theme] = [:]
        for theme in digest.themes { for number in theme.prs { themeOf[number] = theme } }
        self.themeOf = themeOf
        highlights = Set(digest.highlights)
    }

    func pr(_ number: Int) -> Digest.PR? { byNumber[number] }

    /// Highlights first, then importance, insight, size; ties by number.
    func weightier(_ a: Digest.PR, _ b: Digest.PR) -> Bool {
        let ka = (highlights.contains(a.number) ? 1 : 0, a.importance, a.insight, a.additions + a.deletions, -a.number)
        let kb = (highlights.contains(b.number) ? 1 : 0, b.importance, b.insight, b.additions + b.deletions, -b.number)
        return ka > kb
    }

    func ranked(_ numbers: [Int]) -> [Digest.PR] {
        numbers.compactMap(pr).sorted(by: weightier)
    }

    /// Modules worth naming: not the catch-all for files at the root.
    var modules: [Digest.NameCount] { digest.modules.filter { !$0.name.hasPrefix("(") } }
}
