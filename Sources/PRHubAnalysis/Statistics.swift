import PRHubModel

/// Counting over a week's PRs. Every list is sorted by count descending, then by name ascending.
enum Statistics {
    /// The modules a PR touches, those of its product code first, then by changed lines: a sentence naming two
    /// of them names where the change is, not the tests beside it.
    static func modules(of pr: PullRequest, paths: PathClassifier, kinds known: [PathKind]? = nil) -> [String] {
        let kinds = known ?? pr.files.map { paths.kind($0.path) }
        var weight: [String: (code: Bool, lines: Int)] = [:]
        for (file, kind) in zip(pr.files, kinds) {
            let module = paths.module(file.path)
            let before = weight[module] ?? (false, 0)
            weight[module] = (before.code || kind == .code, before.lines + file.additions + file.deletions)
        }
        return weight.sorted { a, b in
            (a.value.code ? 1 : 0, a.value.lines, b.key) > (b.value.code ? 1 : 0, b.value.lines, a.key)
        }.map(\.key)
    }

    static func ranked<Key: Hashable & Comparable>(_ counts: [Key: Int]) -> [(Key, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func labels(_ prs: [WeekAnalysis.AnalyzedPR]) -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for pr in prs { for label in pr.labels { counts[label, default: 0] += 1 } }
        return ranked(counts).map { (name: $0.0, count: $0.1) }
    }

    static func moduleCounts(_ prs: [WeekAnalysis.AnalyzedPR]) -> [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for pr in prs { for module in pr.modules { counts[module, default: 0] += 1 } }
        return ranked(counts).map { (name: $0.0, count: $0.1) }
    }

    /// Files by the number of PRs that touched them.
    static func hotFiles(_ prs: [WeekAnalysis.AnalyzedPR]) -> [(path: String, count: Int)] {
        // Each file counts once per PR: the last PR that counted it is kept beside the count (a set of each
        // PR's paths cost more than the counting).
        var counts: [String: (count: Int, lastPR: Int)] = [:]
        func count(_ entry: inout (count: Int, lastPR: Int), in position: Int) {
            if entry.lastPR != position { entry = (entry.count + 1, position) }
        }
        for (position, pr) in prs.enumerated() {
            for file in pr.pullRequest.files { count(&counts[file.path, default: (0, -1)], in: position) }
        }
        return ranked(counts.mapValues(\.count)).map { (path: $0.0, count: $0.1) }
    }

    /// Authors grouped by GitHub login when known, else by email, else by name; focus is their top labels.
    private struct Tally { var name: String; var login: String?; var count = 0; var labels: [String: Int] = [:] }

    static func authors(_ prs: some Sequence<WeekAnalysis.AnalyzedPR>) -> [(name: String, login: String?, count: Int, focus: [String])] {
        var tallies: [String: Tally] = [:]
        for pr in prs {
            let p = pr.pullRequest
            let key = p.login.map { "login:" + $0.lowercasedByBytes() }
                ?? (p.authorEmail.isEmpty ? "name:" + p.authorName : "email:" + p.authorEmail.lowercasedByBytes())
            var tally = tallies[key] ?? Tally(name: p.authorName, login: p.login)
            tally.count += 1
            for label in pr.labels.isEmpty ? [pr.kind.rawValue] : pr.labels { tally.labels[label, default: 0] += 1 }
            tallies[key] = tally
        }
        // Two authors can share a name (one person committing from two addresses): the key breaks the tie,
        // so the order never depends on the dictionary's per-process hash seed.
        return tallies.sorted { a, b in
            let (nameA, nameB) = (a.value.login ?? a.value.name, b.value.login ?? b.value.name)
            return a.value.count != b.value.count ? a.value.count > b.value.count : nameA != nameB ? nameA < nameB : a.key < b.key
        }.map { _, tally in
            (name: tally.login ?? tally.name, login: tally.login, count: tally.count,
             focus: ranked(tally.labels).prefix(3).map(\.0))
        }
    }

    static func risks(_ prs: [WeekAnalysis.AnalyzedPR]) -> [(kind: RiskKind, prs: [Int])] {
        // One pass over the PRs (filtering them once per kind copied every PR that matched); the lists are
        // kept by the kind's position, not in a dictionary keyed by kind, whose first use in a process costs
        // a runtime conformance lookup longer than this whole count.
        let kinds = RiskKind.allCases
        var numbers = [[Int]](repeating: [], count: kinds.count)
        for pr in prs {
            for (position, kind) in kinds.enumerated() where pr.findings.contains(where: { $0.kind == kind }) {
                numbers[position].append(pr.pullRequest.number)
            }
        }
        return kinds.indices.compactMap { position in
            numbers[position].isEmpty ? nil : (kind: kinds[position], prs: numbers[position].sorted())
        }.sorted { $0.prs.count != $1.prs.count ? $0.prs.count > $1.prs.count : $0.kind.rawValue < $1.kind.rawValue }
    }

    /// The week's PRs grouped by kind of change, three to six groups, for balancing the highlights. While
    /// there are more than six, the smallest joins its broader parent (quantization → performance, …).
    static func kindGroups(_ prs: [WeekAnalysis.AnalyzedPR]) -> [(key: ChangeKind, prs: [Int])] {
        // Groups by the kind's position (as in `risks`: no dictionary keyed by kind).
        let kinds = ChangeKind.allCases
        var groups = [[Int]](repeating: [], count: kinds.count)
        for pr in prs { groups[kinds.firstIndex(of: pr.kind)!].append(pr.pullRequest.number) }
        func ordered() -> [(key: ChangeKind, prs: [Int])] {
            kinds.indices.filter { !groups[$0].isEmpty }.map { (key: kinds[$0], prs: groups[$0].sorted()) }
                .sorted { $0.prs.count != $1.prs.count ? $0.prs.count > $1.prs.count : $0.key.rawValue < $1.key.rawValue }
        }
        while groups.count(where: { !$0.isEmpty }) > 6 {
            guard let smallest = ordered().last(where: { ThemeClassifier.parent(of: $0.key) != nil }) else { break }
            let from = kinds.firstIndex(of: smallest.key)!, to = kinds.firstIndex(of: ThemeClassifier.parent(of: smallest.key)!)!
            groups[to] += groups[from]
            groups[from] = []
        }
        return ordered()
    }
}
