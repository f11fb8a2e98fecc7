import Foundation
import PRHubGit
import PRHubModel
import PRHubReport
import PRHubStore

/// The report use cases the website and the static site share: which repositories and weeks exist, the
/// index, archive and feed rows, and each week's digest and rendered forms. Digests are cached by the
/// store's fingerprint of their period (one per week: the digest is the same in every language), so new
/// data for a week (an ingest, even by another process) replaces its cached report on the next request.
public actor ReportService {
    public nonisolated let store: Store
    public nonisolated let zone: ReportTimeZone
    public nonisolated let baseURL: String
    private var digests: [String: (version: String, digest: Digest)] = [:]
    private var profiles: [String: RepositoryProfile] = [:]
    private var weekLists: [String: (token: String, weeks: [Week])] = [:]

    public init(store: Store, zone: ReportTimeZone, baseURL: String) {
        self.store = store
        self.zone = zone
        self.baseURL = baseURL
    }

    /// One week of the archive.
    public struct Week: Sendable {
        public var week: ISOWeek
        public var period: Period
        public var prCount: Int
        public var slug: String { period.slug }
    }

    public func repositories() throws -> [RepositoryName] {
        try store.repositories().compactMap { try? RepositoryName($0) }
    }

    /// Weeks with at least one merged PR, newest first.
    public func weeks(_ name: RepositoryName) throws -> [Week] {
        // Unchanged store, unchanged weeks: the archive and the index ask on every request.
        let token = store.changeToken()
        if let token, let cached = weekLists[name.description], cached.token == token { return cached.weeks }
        let weeks = try computeWeeks(name)
        if let token { weekLists[name.description] = (token, weeks) }
        return weeks
    }

    func computeWeeks(_ name: RepositoryName) throws -> [Week] {
        var counts: [ISOWeek: Int] = [:]
        for date in try store.mergeTimes(name) {
            counts[ISOWeek(containing: zone.localDate(of: date)), default: 0] += 1
        }
        return counts.map { Week(week: $0.key, period: Period(week: $0.key, zone: zone), prCount: $0.value) }
            .sorted { $0.week > $1.week }
    }

    /// The digest of a period, from cache when the store has nothing new for it.
    public func digest(_ name: RepositoryName, period: Period) throws -> Digest {
        let version = try store.version(name, from: period.startInstant, to: period.endInstant)
        let key = "\(name)|\(period.slug)"
        if let cached = digests[key], cached.version == version { return cached.digest }
        let digest = try generator(name).digest(
            ReportRequest(repository: name, period: period, language: .en, format: .json, baseURL: baseURL))
        digests[key] = (version, digest)
        return digest
    }

    func generator(_ name: RepositoryName) throws -> ReportGenerator {
        let git = try store.gitPath(name).flatMap { try? GitRepository(path: $0) }
        let key = name.description
        let profile: RepositoryProfile
        if let cached = profiles[key] {
            profile = cached
        } else {
            profile = try ProfileResolver.resolve(file: nil, repository: git, name: name, store: store)
            profiles[key] = profile
        }
        return ReportGenerator(store: store, repository: git, profile: profile)
    }

    // MARK: - What the pages show

    /// A report in one format and language.
    public func report(_ name: RepositoryName, period: Period, language: Language, format: ReportRequest.Format) throws -> String {
        try ReportFormats.render(digest(name, period: period), format: format, language: language, baseURL: baseURL)
    }

    /// One row per repository for the index: its latest week and a sparkline of weekly PRs.
    public func indexRows() throws -> [SitePages.RepositoryRow] {
        try repositories().map { name in
            let weeks = try self.weeks(name)
            return SitePages.RepositoryRow(
                name: name.description, latestSlug: weeks.first?.slug, latestWeek: weeks.first?.week.description,
                weeklyCounts: weeks.prefix(26).reversed().map(\.prCount))
        }
    }

    /// One row per week for a repository's archive, newest first.
    public func archiveRows(_ name: RepositoryName) throws -> [SitePages.WeekRow] {
        try weeks(name).map { week in
            let digest = try self.digest(name, period: week.period)
            return SitePages.WeekRow(
                week: week.week.description, slug: week.slug, start: week.period.start, end: week.period.end,
                prCount: week.prCount, highlightCount: digest.highlightCount, risks: digest.risks)
        }
    }

    /// The Atom feed of a repository's thirty latest weeks: each entry is its report's title and executive
    /// summary, from the same document the pages show.
    public func feed(_ name: RepositoryName, language: Language) throws -> String {
        let writer = TemplateWriter(language: language, baseURL: baseURL)
        let entries = try weeks(name).prefix(30).map { week in
            let document = writer.document(try digest(name, period: week.period))
            return AtomRenderer.entry(document, url: "\(baseURL)/\(name)/reports/\(week.slug)", updated: week.period.endInstant)
        }
        return AtomRenderer.feed(repo: name.description, selfURL: "\(baseURL)/\(name)/feed.xml", entries: Array(entries))
    }
}
