import PRHubModel

/// Analyses one period of merged pull requests. Pure: same input, same result, no I/O.
public struct WeekAnalyzer: Sendable {
    public var repository: String
    public var history: HistoryIndex
    public var paths: PathClassifier
    /// How many hot files the analysis keeps.
    public var hotFileLimit = 20

    public init(repository: String, profile: RepositoryProfile, history: HistoryIndex = .empty) {
        self.repository = repository
        self.history = history
        paths = PathClassifier(profile: profile)
    }

    /// - Parameter lineChanges: per PR number, the added and removed lines of the files whose text
    ///   matters (`PathClassifier.wantsDiff`); PRs without an entry are judged from paths and counts alone.
    public func analyze(
        period: Period, pullRequests: [PullRequest], directCommitCount: Int, lineChanges: [Int: [String: LineChanges]] = [:]
    ) -> WeekAnalysis {
        let detector = RiskDetector(repository: repository, history: history, paths: paths)
        let aliases = paths.profile.labelAliases
        let analyzed = pullRequests.sorted { $0.number < $1.number }.map { pr in
            let labels = LabelNormalizer.labels(title: pr.title, githubLabels: pr.githubLabels, aliases: aliases)
            let risk = detector.detect(pr, labels: labels, lineChanges: lineChanges[pr.number] ?? [:])
            let description = DescriptionReader(body: pr.body)
            return WeekAnalysis.AnalyzedPR(
                pullRequest: pr, labels: labels, modules: Statistics.modules(of: pr, paths: paths),
                theme: ThemeClassifier.theme(title: pr.title, labels: labels, files: pr.files, paths: paths),
                importance: Scoring.importance(pr, labels: labels, findings: risk.findings, paths: paths),
                insight: Scoring.insight(pr, description: description, paths: paths), findings: risk.findings,
                reverts: risk.reverts, fixes: risk.fixes, summary: description.summary, claims: description.claims,
                isBot: paths.isBot(login: pr.login, name: pr.authorName))
        }
        let themes = Statistics.themes(analyzed)
        let highlights = HighlightSelector.select(analyzed, themes: themes)
        let hotFiles = Statistics.hotFiles(analyzed)
        return WeekAnalysis(
            repository: repository, period: period, prs: analyzed, directCommitCount: directCommitCount,
            labels: Statistics.labels(analyzed), authors: Statistics.authors(analyzed.filter { !$0.isBot }),
            hotFiles: Array(hotFiles.prefix(hotFileLimit)), modules: Statistics.moduleCounts(analyzed),
            risks: Statistics.risks(analyzed), highlights: highlights, themes: themes,
            recommendations: Recommender.recommend(analyzed, highlights: highlights, hotFiles: hotFiles))
    }
}
