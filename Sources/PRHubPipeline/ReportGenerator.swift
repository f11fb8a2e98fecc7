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
        /// Diff reading, with the search for later work that reverts or fixes the period's PRs beside it.
        public var diffs: Duration = .zero
        public var analysis: Duration = .zero
        public var render: Duration = .zero
        /// Processor time of diff reading and analysis over all threads: steadier than wall time on a shared
        /// host, and with it the benchmark shows how well the work spreads over the cores.
        public var processorTime: Duration = .zero
        public var pullRequests = 0

        public init() {}

        public var summary: String {
            func ms(_ d: Duration) -> String {
                String(format: "%.1f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            return "\(pullRequests) PRs: load \(ms(load)) · diff reading \(ms(diffs)) · analysis \(ms(analysis)) · render \(ms(render))"
                + " · processor time (diff reading + analysis) \(ms(processorTime))"
        }
    }

    public func digest(_ request: ReportRequest) throws -> Digest {
        var timings = Timings()
        return try digest(request, timings: &timings)
    }

    /// What the store has not read of the period, if anything: a period it has not read at all is an error
    /// (never "no PRs merged"); one it has read in part is reported with a notice.
    func coverage(of period: Period, in name: RepositoryName, prCount: Int) throws -> Digest.Coverage? {
        guard let read = try store.historyCoverage(name), !read.covers(from: period.startInstant, to: period.endInstant) else { return nil }
        let zone = period.zone
        let notice = Digest.Coverage(readFrom: read.start.map(zone.iso8601), readUntil: zone.iso8601(read.readAt))
        let unread = period.endInstant <= (read.start ?? .distantPast) || period.startInstant >= read.readAt
        if unread && prCount == 0 {
            let span = (notice.readFrom.map { "from \($0) " } ?? "") + "until \(notice.readUntil)"
            throw PRHubError(
                .periodNotRead,
                "the store has not read \(name) for \(period.start) to \(period.end): its clone was read \(span); "
                    + (period.startInstant >= read.readAt ? "ingest the clone again" : "fetch the older history (`git fetch --unshallow`) and ingest again"))
        }
        return notice
    }

    public func digest(_ request: ReportRequest, timings: inout Timings) throws -> Digest {
        let clock = ContinuousClock()
        var start = clock.now
        let name = request.repository
        let period = request.period
        let paths = PathClassifier(profile: profile)
        // The history index is built from every earlier PR while the store reads the period's PRs and the
        // work merged after it, and their files are classified: one core each.
        let (indexed, loaded) = inParallel(
            {
                Result {
                    HistoryIndex(
                        try store.pullRequestReferences(name),
                        titlesSince: period.startInstant.addingTimeInterval(-HistoryIndex.namedWorkWindow),
                        titlesUntil: period.endInstant.addingTimeInterval(Self.lookAhead))
                }
            },
            {
                Result {
                    let prs = try store.pullRequests(name, from: period.startInstant, to: period.endInstant)
                    let direct = try store.directCommitCount(name, from: period.startInstant, to: period.endInstant)
                    // Work merged afterwards that reverts or fixes this week's PRs (when the report is made
                    // later): only its text is read, so its files are not loaded.
                    let later = try store.pullRequests(
                        name, from: period.endInstant, to: period.endInstant.addingTimeInterval(Self.lookAhead), files: false)
                    paths.prepare(prs.lazy.flatMap(\.files).map(\.path))
                    return (prs: prs, direct: direct, later: later)
                }
            })
        let history = try indexed.get()
        let (prs, direct, later) = try loaded.get()
        let analyzer = WeekAnalyzer(repository: name.description, paths: paths, history: history)
        timings.load = clock.now - start
        start = clock.now
        let processorStart = Self.processorTime()
        // Reading the diffs waits on the store; finding later work that acts on this week's PRs needs only
        // their numbers and commits: the two run side by side.
        let (diffsRead, laterLinks) = inParallel(
            { Result { try lineChanges(prs, analyzer.paths, name) } }, { analyzer.laterLinks(later, to: prs) })
        let diffs = try diffsRead.get()
        timings.diffs = clock.now - start
        start = clock.now
        let analysis = analyzer.analyze(
            period: period, pullRequests: prs, directCommitCount: direct, lineChanges: diffs, laterLinks: laterLinks)
        var digest = DigestBuilder.digest(analysis)
        timings.analysis = clock.now - start
        digest.coverage = try coverage(of: period, in: name, prCount: prs.count)
        timings.processorTime = Self.processorTime() - processorStart
        timings.pullRequests = prs.count
        return digest
    }

    /// The processor time this process has used so far, all threads together.
    static func processorTime() -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
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
        return try ReportFormats.render(
            digest, format: request.format, language: request.language, baseURL: request.baseURL, links: request.htmlLinks)
    }

    /// Diff lines of the files whose text matters, for every PR that touched any: those stored at ingest,
    /// the rest from the clone in one git process (or, without a clone, as synced from GitHub).
    func lineChanges(_ prs: [PullRequest], _ classifier: PathClassifier, _ name: RepositoryName) throws -> [Int: [String: LineChanges]] {
        // Classifying a week's paths for the first time is work worth spreading over the cores.
        let wanted = prs.concurrentMap { pr in (pr, pr.files.map(\.path).filter(classifier.wantsDiff)) }.filter { !$0.1.isEmpty }
        guard !wanted.isEmpty else { return [:] }
        let stored = try store.commitLines(name, shas: wanted.map(\.0.mergeSHA))
        var result: [Int: [String: LineChanges]] = [:]
        var missing: [(PullRequest, [String])] = []
        for (pr, paths) in wanted {
            guard let lines = stored[pr.mergeSHA], paths.allSatisfy({ lines[$0] != nil }) else {
                missing.append((pr, paths))
                continue
            }
            result[pr.number] = Self.nonEmpty(lines, of: paths)
        }
        guard !missing.isEmpty else { return result }
        guard let repository else {
            // Without a clone, the diff text synced from GitHub (`prhub sync --diffs`), if any.
            return result.merging(try store.gitHubLineChanges(name, numbers: missing.map(\.0.number))) { stored, _ in stored }
        }
        let bySHA = try repository.lineChanges(commits: missing.map(\.0.mergeSHA), paths: missing.flatMap(\.1))
        for (pr, paths) in missing {
            result[pr.number] = Self.nonEmpty(bySHA[pr.mergeSHA] ?? [:], of: paths)
        }
        return result
    }

    /// A commit's diff lists only the files it changed; keep those this PR declared, and only files with lines.
    static func nonEmpty(_ lines: [String: LineChanges], of paths: [String]) -> [String: LineChanges] {
        lines.filter { paths.contains($0.key) && !($0.value.added.isEmpty && $0.value.removed.isEmpty) }
    }
}
