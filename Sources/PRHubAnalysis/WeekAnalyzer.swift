import PRHubModel

/// Analyses one period of merged pull requests. Pure: same input, same result, no I/O.
public struct WeekAnalyzer: Sendable {
    public var repository: String
    public var history: HistoryIndex
    /// How many hot files the analysis keeps.
    public var hotFileLimit = 20

    public init(repository: String, history: HistoryIndex = .empty) {
        self.repository = repository
        self.history = history
    }

    /// - Parameter lineChanges: per PR number, the added and removed lines of the files whose text
    ///   matters (see `DiffInterest`); PRs without an entry are judged from paths and counts alone.
    public func analyze(
        period: Period, pullRequests: [PullRequest], directCommitCount: Int, lineChanges: [Int: [String: LineChanges]] = [:]
    ) -> WeekAnalysis {
        let detector = RiskDetector(repository: repository, history: history)
        let analyzed = pullRequests.sorted { $0.number < $1.number }.map { pr in
            let labels = LabelNormalizer.labels(title: pr.title, githubLabels: pr.githubLabels)
            let risk = detector.detect(pr, labels: labels, lineChanges: lineChanges[pr.number] ?? [:])
            let description = DescriptionReader(body: pr.body)
            return WeekAnalysis.AnalyzedPR(
                pullRequest: pr, labels: labels, modules: Statistics.modules(of: pr),
                theme: ThemeClassifier.theme(title: pr.title, labels: labels, files: pr.files),
                importance: Scoring.importance(pr, labels: labels, findings: risk.findings),
                insight: Scoring.insight(pr, description: description), findings: risk.findings,
                reverts: risk.reverts, fixes: risk.fixes, summary: description.summary, claims: description.claims)
        }
        let themes = Statistics.themes(analyzed)
        let highlights = HighlightSelector.select(analyzed, themes: themes)
        return WeekAnalysis(
            repository: repository, period: period, prs: analyzed, directCommitCount: directCommitCount,
            labels: Statistics.labels(analyzed), authors: Statistics.authors(analyzed),
            hotFiles: Array(Statistics.hotFiles(analyzed).prefix(hotFileLimit)), modules: Statistics.moduleCounts(analyzed),
            risks: Statistics.risks(analyzed), highlights: highlights, themes: themes,
            recommendations: Recommender.recommend(analyzed, highlights: highlights, hotFiles: Statistics.hotFiles(analyzed)))
    }
}

/// Which files' diff text the analysis reads: dependency manifests and environment-variable registries.
public enum DiffInterest {
    public static func wants(_ path: String) -> Bool {
        DependencyDetector.wantsDiff(of: path) || EnvVarDetector.wantsDiff(of: path)
    }
}
