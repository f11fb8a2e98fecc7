import Foundation
import PRHubAnalysis
import PRHubGit
import PRHubModel
import PRHubReport
import PRHubStore

/// The report use case: store → analysis → digest → rendered text. Shared by the CLI and the server.
public struct ReportGenerator: Sendable {
    public let store: Store
    /// The clone, when there is one: used to read the diff text of manifests and env registries.
    public let repository: GitRepository?
    public let profile: RepositoryProfile

    public init(store: Store, repository: GitRepository?, profile: RepositoryProfile) {
        self.store = store
        self.repository = repository
        self.profile = profile
    }

    /// Where a report's time went, for `--timing` and the benchmark.
    public struct Timings: Sendable {
        public var load: Duration = .zero
        public var diffs: Duration = .zero
        public var analysis: Duration = .zero
        public var render: Duration = .zero
        public var pullRequests = 0

        public init() {}

        public var summary: String {
            func ms(_ d: Duration) -> String {
                String(format: "%.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            return "\(pullRequests) PRs: load \(ms(load)) · diff reading \(ms(diffs)) · analysis \(ms(analysis)) · render \(ms(render))"
        }
    }

    public func digest(_ request: ReportRequest) throws -> Digest {
        var timings = Timings()
        return try digest(request, timings: &timings)
    }

    public func digest(_ request: ReportRequest, timings: inout Timings) throws -> Digest {
        let clock = ContinuousClock()
        var start = clock.now
        let name = request.repository
        let period = request.period
        let prs = try store.pullRequests(name, from: period.startInstant, to: period.endInstant)
        let direct = try store.directCommitCount(name, from: period.startInstant, to: period.endInstant)
        let history = HistoryIndex(try store.pullRequestReferences(name))
        let analyzer = WeekAnalyzer(repository: name.description, profile: profile, history: history)
        // Work merged afterwards that reverts or fixes this week's PRs (when the report is made later).
        let later = try store.pullRequests(name, from: period.endInstant, to: period.endInstant.addingTimeInterval(Self.lookAhead))
        timings.load = clock.now - start
        start = clock.now
        let diffs = try lineChanges(prs, analyzer.paths, name)
        timings.diffs = clock.now - start
        start = clock.now
        let analysis = analyzer.analyze(
            period: period, pullRequests: prs, directCommitCount: direct, lineChanges: diffs, laterPullRequests: later)
        let digest = DigestBuilder.digest(analysis, language: request.language)
        timings.analysis = clock.now - start
        timings.pullRequests = prs.count
        return digest
    }

    /// How far after a period to look for reverts and fixes of its PRs: twelve weeks.
    static let lookAhead: TimeInterval = 12 * 7 * 86_400

    public func render(_ request: ReportRequest) throws -> String {
        var timings = Timings()
        return try render(request, timings: &timings)
    }

    public func render(_ request: ReportRequest, timings: inout Timings) throws -> String {
        let digest = try digest(request, timings: &timings)
        let clock = ContinuousClock()
        let start = clock.now
        defer { timings.render = clock.now - start }
        switch request.format {
        case .json: return try JSONRenderer.render(digest)
        case .md: return MarkdownRenderer(language: request.language, baseURL: request.baseURL).render(digest)
        case .html: return HTMLRenderer(language: request.language, baseURL: request.baseURL).render(digest)
        }
    }

    /// Diff lines of the files whose text matters, for every PR that touched any, in one git process.
    func lineChanges(_ prs: [PullRequest], _ classifier: PathClassifier, _ name: RepositoryName) throws -> [Int: [String: LineChanges]] {
        // Without a clone, the diff text synced from GitHub (`prhub sync --diffs`), if any.
        guard let repository else { return try store.gitHubLineChanges(name, numbers: prs.map(\.number)) }
        let wanted = prs.map { pr in (pr, pr.files.map(\.path).filter(classifier.wantsDiff)) }.filter { !$0.1.isEmpty }
        let bySHA = try repository.lineChanges(commits: wanted.map(\.0.mergeSHA), paths: wanted.flatMap(\.1))
        var result: [Int: [String: LineChanges]] = [:]
        for (pr, paths) in wanted {
            // A commit's diff lists only the files it changed; keep those this PR declared.
            result[pr.number] = (bySHA[pr.mergeSHA] ?? [:]).filter { paths.contains($0.key) }
        }
        return result
    }
}
