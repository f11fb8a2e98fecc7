import Crypto
import Foundation
import PRHubDelivery
import PRHubGit
import PRHubGitHub
import PRHubModel
import PRHubReport
import PRHubStore

/// One pass of the hub over every repository of its config: fetch (mirrors), ingest, sync (when asked),
/// write each complete week not yet written in each language, deliver each (repository, week, language,
/// target) once, and write the static site when configured.
///
/// The ledger in the store makes a pass idempotent. A delivery is recorded as `sending` before the
/// message goes out and `sent` after, so a pass killed and run again skips what was delivered and sends
/// what was not. Chat webhooks take no idempotency key: a process killed after the service took a
/// message but before `sent` was written sends that one message again. The pass errs towards a message
/// delivered twice, never towards one not delivered. A week whose report changed after delivery (a late
/// sync, a new profile) is delivered again as an update.
public struct HubPass: Sendable {
    public let config: HubConfig
    public let store: Store
    /// Where mirrors are kept when the config does not say.
    public let defaultMirrors: String
    public let sender: ChatSender
    public let github: GitHubClient?
    public let notice: @Sendable (String) -> Void

    public init(
        config: HubConfig, store: Store, defaultMirrors: String, sender: ChatSender, github: GitHubClient?,
        notice: @escaping @Sendable (String) -> Void
    ) {
        self.config = config
        self.store = store
        self.defaultMirrors = defaultMirrors
        self.sender = sender
        self.github = github
        self.notice = notice
    }

    public struct RepositoryOutcome: Sendable {
        public var name: RepositoryName
        public var reportsWritten = 0
        public var sent = 0
        public var updates = 0
        public var failures: [String] = []
        public var skipped = 0
    }

    public struct Summary: Sendable {
        public var repositories: [RepositoryOutcome] = []
        public var failed: Bool { repositories.contains { !$0.failures.isEmpty } }
        public var sent: Int { repositories.reduce(0) { $0 + $1.sent } }
    }

    /// `asOf` stands for now: the weeks written are the complete ones before it.
    public func run(asOf: Date = Date()) async throws -> Summary {
        let passID = try store.startPass(at: asOf)
        var summary = Summary()
        for repository in config.repositories {
            var outcome = RepositoryOutcome(name: repository.name)
            do {
                try await run(repository, asOf: asOf, outcome: &outcome)
            } catch {
                // One repository failing (a bad clone, the network) never stops the others.
                outcome.failures.append(TerminalText.oneLine((error as? PRHubError)?.message ?? String(describing: error)))
            }
            notice(Self.line(outcome))
            summary.repositories.append(outcome)
        }
        if let site = config.site {
            let library = ReportService(store: store, zone: config.zone, baseURL: config.baseURL)
            _ = try await StaticSite(library: library, folder: site, language: config.languages.first ?? .zh).write()
        }
        try store.endPass(passID, failures: summary.repositories.reduce(0) { $0 + $1.failures.count })
        return summary
    }

    /// The complete weeks a pass writes, oldest first.
    public func weeks(asOf: Date) -> [Period] {
        let last = Period.lastCompleteWeek(now: asOf, zone: config.zone)
        guard let week = last.week else { return [] }
        return (0..<config.backfillWeeks).reversed().map { back in
            Period(week: ISOWeek(containing: week.monday.adding(days: -7 * back)), zone: config.zone)
        }
    }

    private func run(_ repository: HubConfig.Repository, asOf: Date, outcome: inout RepositoryOutcome) async throws {
        let name = repository.name
        let clone: GitRepository
        switch repository.source {
        case .clone(let path): clone = try GitRepository(path: path)
        case .mirror(let url):
            let folder = config.mirrors ?? defaultMirrors
            clone = try GitRepository.mirror(url: url, at: "\(folder)/\(name.owner)/\(name.name).git")
        }
        let wantsDiff = try ProfileResolver.diffFilter(file: repository.profile, repository: clone, name: name)
        let ingest = try Ingestion(store: store, repository: clone, name: name, wantsDiff: wantsDiff).run()
        for notice in ingest.notices { self.notice("\(name): \(notice.message)") }
        let weeks = weeks(asOf: asOf)
        if repository.github, let first = weeks.first, let last = weeks.last {
            guard let github else { throw PRHubError(.invalidArgument, "\(name) asks for GitHub data but no token was found (GITHUB_TOKEN)") }
            do {
                _ = try await GitHubSync(store: store, client: github, name: name).run(since: first.startInstant, until: last.endInstant)
            } catch let error as GitHubError {
                throw PRHubError(.github, error.message)
            }
        }
        let profile = try ProfileResolver.resolve(file: repository.profile, repository: clone, name: name, store: store)
        let generator = ReportGenerator(store: store, repository: clone, profile: profile)
        for period in weeks {
            let week = period.week?.description ?? period.slug
            let digest: PRHubModel.Digest
            do {
                digest = try generator.digest(
                    ReportRequest(repository: name, period: period, language: config.languages[0], format: .json, baseURL: config.baseURL))
            } catch let error as PRHubError where error.code == .periodNotRead {
                outcome.skipped += 1  // before the history the clone holds
                continue
            }
            let hash = Self.hash(digest)
            for language in config.languages where try store.writtenReportHash(repository: name.description, week: week, language: language.rawValue) != hash {
                try store.recordReport(repository: name.description, week: week, language: language.rawValue, inputHash: hash)
                outcome.reportsWritten += 1
            }
            // A week without merged PRs is written (the website shows it) but not announced.
            guard digest.prCount > 0 else { continue }
            for id in repository.deliver {
                guard let target = config.targets[id] else { continue }
                for language in target.languages {
                    try await deliver(digest, hash: hash, week: week, language: language, to: target.target, outcome: &outcome)
                }
            }
        }
    }

    private func deliver(
        _ digest: PRHubModel.Digest, hash: String, week: String, language: Language, to target: DeliveryTarget, outcome: inout RepositoryOutcome
    ) async throws {
        let key = Store.DeliveryKey(repository: digest.repo, week: week, language: language.rawValue, target: target.id)
        let record = try store.delivery(key)
        if record?.state == .sent && record?.sentHash == hash { return }
        let isUpdate = record?.sentHash != nil
        let message = WeekMessageBuilder.message(digest, language: language, baseURL: config.baseURL, isUpdate: isUpdate)
        try store.recordAttempt(key, inputHash: hash)
        do {
            try await sender.send(message, to: target)
            try store.recordSent(key, inputHash: hash)
            outcome.sent += 1
            if isUpdate { outcome.updates += 1 }
        } catch let error as DeliveryError {
            try store.recordFailure(key, error: error.message)
            outcome.failures.append("\(week) \(language.rawValue): \(error.message)")
        }
    }

    /// What the report of a week is made from: the digest (the same for every language).
    static func hash(_ digest: PRHubModel.Digest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(digest)) ?? Data()
        return SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    public static func line(_ outcome: RepositoryOutcome) -> String {
        var text = "\(outcome.name): \(outcome.reportsWritten) reports written, \(outcome.sent) messages sent"
        if outcome.updates > 0 { text += " (\(outcome.updates) updates)" }
        if outcome.skipped > 0 { text += ", \(outcome.skipped) weeks before the clone's history skipped" }
        if !outcome.failures.isEmpty { text += "; failed: " + outcome.failures.prefix(3).joined(separator: "; ") }
        return text
    }
}
