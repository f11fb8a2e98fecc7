import PRHubModel

/// Everything analysis concludes about one period, in no particular language.
public struct WeekAnalysis: Sendable {
    public struct AnalyzedPR: Sendable {
        public var pullRequest: PullRequest
        public var labels: [String]
        public var modules: [String]
        /// The kind of change, which balances the highlights.
        public var kind: ChangeKind
        /// What it is about: model families, hardware, subsystems, with how strongly.
        public var topics: TopicClassifier.Scores
        public var importance: Int
        /// Importance before its cap of 5 (`Scoring.importancePoints`), to rank highlights.
        public var importancePoints: Int
        public var insight: Int
        public var findings: [RiskFinding]
        public var reverts: Int?
        public var fixes: [Int]
        public var summary: String
        public var claims: [String]
        /// The figures of those claims, with their metrics.
        public var figures: [ClaimedFigure] = []
        /// The impact rules its title fired.
        public var impacts: [Impact] = []
        /// Opened by a bot account: counted in the week, kept out of the author ranking.
        public var isBot: Bool
        public var userFacing: String?
        public var breaking: String?
        public var issues: [Int]
        /// Later PRs (after the period) that revert or fix this one: potential regressions.
        public var revertedBy: [Int] = []
        public var fixedBy: [Int] = []
        /// Review on GitHub, when the PR was synced from there.
        public var review: Digest.Review?
    }

    public struct Recommendation: Sendable, Equatable {
        public var kind: RecommendationKind
        /// Names the sentence needs (a file, platform names, variable names), already chosen.
        public var subjects: [String] = []
        /// Earlier PRs it is about (those reverted or fixed).
        public var related: [Int] = []
        /// How many PRs touched the subject (a hot file).
        public var count: Int?
        public var prs: [Int]
    }

    public var repository: String
    public var period: Period
    public var prs: [AnalyzedPR]
    public var directCommitCount: Int
    public var labels: [(name: String, count: Int)]
    public var authors: [(name: String, login: String?, count: Int, focus: [String])]
    public var hotFiles: [(path: String, count: Int)]
    public var modules: [(name: String, count: Int)]
    public var risks: [(kind: RiskKind, prs: [Int])]
    public var highlights: [Int]
    /// Three to six themes by technical topic; `subject` names a model family's variants.
    public var themes: [(topic: Topic, subject: String?, prs: [Int])]
    public var recommendations: [Recommendation]
    /// Human reviewers by PRs reviewed; empty without GitHub data.
    public var reviewers: [(name: String, count: Int)] = []
}
