import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport

/// Digests of weeks of the real histories in ../shared, each history replayed and ingested once per run.
enum RealWeeks {
    struct Loaded: @unchecked Sendable {
        var name: RepositoryName
        var store: Store
        var git: GitRepository
        var profile: RepositoryProfile
    }

    nonisolated(unsafe) private static var loaded: [String: Loaded] = [:]
    private static let lock = NSLock()
    static let zone = try! ReportTimeZone("Asia/Shanghai")

    static func load(_ history: String, _ repo: String) throws -> Loaded? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = loaded[history] { return cached }
        guard let path = try SharedData.replayedRepository(history) else { return nil }
        let name = try RepositoryName(repo)
        let store = try Store.inMemory()
        let git = try GitRepository(path: path)
        _ = try Ingestion(store: store, repository: git, name: name).run()
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: name, store: store)
        let result = Loaded(name: name, store: store, git: git, profile: profile)
        loaded[history] = result
        return result
    }

    static func digest(_ history: String, _ repo: String, week: ISOWeek) throws -> Digest? {
        guard let l = try load(history, repo) else { return nil }
        return try ReportGenerator(store: l.store, repository: l.git, profile: l.profile).digest(
            ReportRequest(repository: l.name, period: Period(week: week, zone: zone), language: .zh, format: .json, baseURL: "http://x"))
    }

    /// The ISO week of 2026 with the most merged PRs.
    static func busiestWeek(_ history: String, _ repo: String) throws -> ISOWeek? {
        guard let l = try load(history, repo) else { return nil }
        var counts: [ISOWeek: Int] = [:]
        for date in try l.store.mergeTimes(l.name) {
            let week = ISOWeek(containing: zone.localDate(of: date))
            if week.year == 2026 { counts[week, default: 0] += 1 }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
