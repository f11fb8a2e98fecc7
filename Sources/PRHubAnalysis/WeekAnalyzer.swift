import PRHubModel

/// Analyses one period of merged pull requests. Pure: same input, same result, no I/O.
public struct WeekAnalyzer: Sendable {
    public var repository: String
    public var history: HistoryIndex
    public var paths: PathClassifier
    /// How many hot files the analysis keeps.
    public var hotFileLimit = 20

    public init(repository: String, profile: RepositoryProfile, history: HistoryIndex = .empty) {
        self.init(repository: repository, paths: PathClassifier(profile: profile), history: history)
    }

    /// `paths`: a classifier made beforehand (its remembered facts are shared).
    public init(repository: String, paths: PathClassifier, history: HistoryIndex = .empty) {
        self.repository = repository
        self.history = history
        self.paths = paths
    }

    /// - Parameter lineChanges: per PR number, the added and removed lines of the files whose text
    ///   matters (`PathClassifier.wantsDiff`); PRs without an entry are judged from paths and counts alone.
    public func analyze(
        period: Period, pullRequests: [PullRequest], directCommitCount: Int, lineChanges: [Int: [String: LineChanges]] = [:],
        laterPullRequests: [PullRequest] = []
    ) -> WeekAnalysis {
        analyze(
            period: period, pullRequests: pullRequests, directCommitCount: directCommitCount, lineChanges: lineChanges,
            laterLinks: laterLinks(laterPullRequests, to: pullRequests))
    }

    /// `laterLinks`: found beforehand (`laterLinks(_:to:)`), for instance while the diffs are read.
    public func analyze(
        period: Period, pullRequests: [PullRequest], directCommitCount: Int, lineChanges: [Int: [String: LineChanges]],
        laterLinks: LaterLinks
    ) -> WeekAnalysis {
        let detector = RiskDetector(repository: repository, history: history, paths: paths)
        let aliases = paths.profile.labelAliases
        TopicClassifier.prepare()
        let upstream = ImpactRules.upstream(of: repository)
        var analyzed = pullRequests.sorted { $0.number < $1.number }.concurrentMap { pr in
            let labels = LabelNormalizer.labels(title: pr.title, githubLabels: pr.githubLabels, aliases: aliases)
            // Each file's kind is looked up once (a shared, locked memo) and handed to every rule that needs it.
            let kinds = pr.files.map { paths.kind($0.path) }
            let risk = detector.detect(pr, labels: labels, lineChanges: lineChanges[pr.number] ?? [:], kinds: kinds)
            let description = DescriptionReader(body: pr.body)
            // Computed properties that read the description again: once each.
            let userFacing = description.userFacingChange
            let breaking = description.breakingChange
            let review = ReviewSummarizer.summarize(pr.discussion, author: pr.login) { paths.isBot(login: $0, name: $0) }
            var insight = Scoring.insight(pr, description: description, paths: paths, kinds: kinds)
            // A contested or long-discussed PR has more to teach than its diff shows.
            if let review, review.changesRequested > 0 || review.threads >= 5 { insight = min(5, insight + 1) }
            let isBot = paths.isBot(login: pr.login, name: pr.authorName)
            let titleWords = TopicClassifier.titleWords(pr.title)
            // The description of a change to code only: a CI or test change says what failed in the tests.
            let impacts = ImpactRules.impacts(
                titleWords: titleWords, isBot: isBot, upstream: upstream, changesNoBehaviour: risk.changesNoBehaviour,
                prose: kinds.contains(.code) ? description.prose : nil, labels: labels)
            let points = Scoring.importancePoints(
                pr, labels: labels, findings: risk.findings, paths: paths,
                userFacing: userFacing != nil || breaking != nil, claimsResults: !description.claims.isEmpty, kinds: kinds,
                impacts: impacts)
            var analyzedPR = WeekAnalysis.AnalyzedPR(
                pullRequest: pr, labels: labels, modules: Statistics.modules(of: pr, paths: paths, kinds: kinds),
                kind: ThemeClassifier.kind(title: pr.title, labels: labels, files: pr.files, paths: paths, kinds: kinds),
                topics: TopicClassifier.scores(
                    title: pr.title, labels: labels, files: pr.files, paths: paths, kinds: kinds, titleWords: titleWords),
                importance: min(5, points), importancePoints: points, insight: insight, findings: risk.findings,
                reverts: risk.reverts, fixes: risk.fixes, summary: description.summary, claims: description.claims,
                isBot: isBot, userFacing: userFacing,
                breaking: breaking, issues: risk.issues, review: review)
            analyzedPR.figures = FigureReader.figures(in: description.claims)
            analyzedPR.impacts = impacts
            return analyzedPR
        }
        for index in analyzed.indices {
            let number = analyzed[index].pullRequest.number
            analyzed[index].revertedBy = laterLinks.revertedBy[number] ?? []
            analyzed[index].fixedBy = laterLinks.fixedBy[number] ?? []
        }
        let prs = analyzed
        // The counts and the reading order are independent of each other: one core each.
        let ((themes, highlights), counts) = inParallel(
            {
                let topics = TopicClassifier.themes(prs.map { ($0.pullRequest.number, $0.importance, $0.topics) })
                return (topics, HighlightSelector.select(prs, themes: Statistics.kindGroups(prs)))
            },
            {
                (hotFiles: Statistics.hotFiles(prs), labels: Statistics.labels(prs), authors: Statistics.authors(prs.lazy.filter { !$0.isBot }),
                 modules: Statistics.moduleCounts(prs), risks: Statistics.risks(prs),
                 reviewers: ReviewSummarizer.reviewers(prs.compactMap(\.review)))
            })
        var analysis = WeekAnalysis(
            repository: repository, period: period, prs: prs, directCommitCount: directCommitCount,
            labels: counts.labels, authors: counts.authors, hotFiles: Array(counts.hotFiles.prefix(hotFileLimit)),
            modules: counts.modules, risks: counts.risks, highlights: highlights, themes: themes,
            recommendations: Recommender.recommend(prs, highlights: highlights, hotFiles: counts.hotFiles))
        analysis.reviewers = counts.reviewers
        return analysis
    }
}

extension WeekAnalyzer {
    /// Later PRs that reverted or fixed PRs of a period, by the number of the PR acted on, in number order.
    public struct LaterLinks: Sendable {
        public var revertedBy: [Int: [Int]] = [:]
        public var fixedBy: [Int: [Int]] = [:]
    }

    /// Finds this period's PRs that later PRs reverted or fixed. Needs only the PRs' numbers and merge
    /// commits, not their analysis, so it can run beside the rest.
    public func laterLinks(_ later: [PullRequest], to prs: [PullRequest]) -> LaterLinks {
        guard !later.isEmpty else { return LaterLinks() }
        let numbers = Set(prs.map(\.number))
        let detector = LinkDetector(repository: repository, history: history)
        let shas = Set(prs.map { String($0.mergeSHA.lowercasedByBytes().prefix(7)) })
        let aliases = paths.profile.labelAliases
        let scan = ReferenceScan(numbers: numbers, shaPrefixes: shas)
        // Most later PRs name none of this week's PRs: a byte scan rules them out before any regex runs.
        // Results are put in number order afterwards: sorting the PRs themselves copied every one of them.
        let links = later.concurrentMap { pr -> (Int, Int?, [Int]) in
            guard scan.mayMention(pr.title) || scan.mayMention(pr.body)
            else {
                return (pr.number, nil, [])
            }
            let found = detector.links(of: pr, labels: LabelNormalizer.labels(title: pr.title, githubLabels: pr.githubLabels, aliases: aliases))
            return (pr.number, found.reverts, found.fixes)
        }
        var result = LaterLinks()
        for (number, reverted, fixed) in links.filter({ $0.1 != nil || !$0.2.isEmpty }).sorted(by: { $0.0 < $1.0 }) {
            if let reverted, numbers.contains(reverted) { result.revertedBy[reverted, default: []].append(number) }
            for target in fixed where numbers.contains(target) { result.fixedBy[target, default: []].append(number) }
        }
        return result
    }
}
