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

    public func digest(_ request: ReportRequest) throws -> Digest {
        let name = request.repository
        let period = request.period
        let prs = try store.pullRequests(name, from: period.startInstant, to: period.endInstant)
        let direct = try store.directCommitCount(name, from: period.startInstant, to: period.endInstant)
        let history = HistoryIndex(try store.pullRequestReferences(name).map {
            HistoryIndex.Entry(number: $0.number, sha: $0.sha, title: $0.title, mergedAt: $0.mergedAt)
        })
        let analyzer = WeekAnalyzer(repository: name.description, profile: profile, history: history)
        // Work merged afterwards that reverts or fixes this week's PRs (when the report is made later).
        let later = try store.pullRequests(name, from: period.endInstant, to: period.endInstant.addingTimeInterval(Self.lookAhead))
        let analysis = analyzer.analyze(
            period: period, pullRequests: prs, directCommitCount: direct, lineChanges: try lineChanges(prs, analyzer.paths),
            laterPullRequests: later)
        return DigestBuilder.digest(analysis, language: request.language)
    }

    /// How far after a period to look for reverts and fixes of its PRs: twelve weeks.
    static let lookAhead: TimeInterval = 12 * 7 * 86_400

    public func render(_ request: ReportRequest) throws -> String {
        let digest = try digest(request)
        switch request.format {
        case .json: return try JSONRenderer.render(digest)
        case .md: return MarkdownRenderer(language: request.language, baseURL: request.baseURL).render(digest)
        }
    }

    /// Diff lines of the files whose text matters, one `git show` per PR that touched any.
    func lineChanges(_ prs: [PullRequest], _ classifier: PathClassifier) throws -> [Int: [String: LineChanges]] {
        guard let repository else { return [:] }
        var result: [Int: [String: LineChanges]] = [:]
        for pr in prs {
            let paths = pr.files.map(\.path).filter(classifier.wantsDiff)
            guard !paths.isEmpty else { continue }
            result[pr.number] = try repository.lineChanges(commit: pr.mergeSHA, paths: paths)
        }
        return result
    }
}
