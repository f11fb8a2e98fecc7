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
/// The work is jobs in the store (`HubJob`), so any number of processes sharing the store — `prhub run` or
/// `prhub serve --config`, on one machine or several on PostgreSQL — do a pass together: each claims the
/// next due job, under a lease its heartbeat renews; a job whose holder died or stalled is taken over when
/// the lease lapses (at once when the holder was a process of this machine that is gone). Each claim carries
/// a generation that every write of the job checks, so a process that stalled and woke up late cannot write
/// a report or send a message. An ingest finds the weeks and queues their reports; a report queues its
/// deliveries; a report or delivery is one job for ever per digest, done once.
///
/// Chat webhooks take no idempotency key: a process killed after the service took a message but before
/// `sent` was written leaves the job to be taken over, and the message is sent again. The pass errs towards
/// a message delivered twice, never towards one not delivered. A week whose report changed after delivery
/// (a late sync, a new profile) has a new digest, so it is delivered again, marked as an update.
public struct HubPass: Sendable {
    public let config: HubConfig
    public let store: Store
    /// Where mirrors are kept when the config does not say.
    public let defaultMirrors: String
    public let sender: ChatSender
    public let github: GitHubClient?
    public let notice: @Sendable (String) -> Void
    public var lease = JobLease()
    /// Attempts of an ingest or report before it fails for the pass (a delivery's sender retries itself).
    public var maxAttempts = 3

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
        /// Jobs this process ran, and those it lost to another process after stalling.
        public var jobsRun = 0
        public var jobsLost = 0
        public var failed: Bool { repositories.contains { !$0.failures.isEmpty } }
        public var sent: Int { repositories.reduce(0) { $0 + $1.sent } }
    }

    /// `asOf` stands for now: the weeks written are the complete ones before it.
    public func run(asOf: Date = Date()) async throws -> Summary {
        let passID = try store.startPass(at: asOf)
        let names = config.repositories.map(\.name.description)
        let lastWeek = Period.lastCompleteWeek(now: asOf, zone: config.zone).week?.description ?? ""
        try store.enqueue(names.map { HubJob.Key(kind: .ingest, repository: $0, week: lastWeek) })
        var work = PassWork(config.repositories.map { RepositoryOutcome(name: $0.name) })
        while true {
            let dead = lease.deadLocalOwners(try store.runningJobOwners())
            if let claim = try store.claimJob(repositories: names, owner: lease.owner, deadOwners: dead, lease: lease.seconds) {
                FaultHooks.afterClaim(claim)
                // A job whose every holder died with it (it kills its process) is given up, not tried for ever.
                if claim.job.attempts > maxAttempts + 2 {
                    try? store.failJob(claim, error: "given up after \(claim.job.attempts - 1) claims whose processes died", retryAt: nil)
                    continue
                }
                await run(claim, work: &work)
                continue
            }
            // Nothing due here: done when no job of these repositories is left anywhere; else another
            // process holds one (whose lease may lapse) or one waits for its retry.
            if try store.openJobCount(repositories: names) == 0 { break }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        for outcome in work.outcomes { notice(Self.line(outcome)) }
        if let site = config.site {
            let library = ReportService(store: store, zone: config.zone, baseURL: config.baseURL)
            _ = try await StaticSite(library: library, folder: site, language: config.languages.first ?? .zh).write()
        }
        try store.endPass(passID, failures: work.outcomes.reduce(0) { $0 + $1.failures.count })
        return Summary(repositories: work.outcomes, jobsRun: work.jobsRun, jobsLost: work.jobsLost)
    }

    /// Runs one claimed job; its failure is recorded on the job (retried later, or failed for the pass).
    private func run(_ claim: JobClaim, work: inout PassWork) async {
        let key = claim.job.key
        let heartbeat = LeaseHeartbeat(store: store, claim: claim, lease: lease)
        defer { heartbeat.stop() }
        work.jobsRun += 1
        // Claims are made for this config's repositories only.
        guard let index = work.outcomes.firstIndex(where: { $0.name.description == key.repository }),
              let repository = config.repositories.first(where: { $0.name.description == key.repository })
        else { return }
        var outcome = work.outcomes[index]
        do {
            switch key.kind {
            case .ingest: try await ingest(repository, claim: claim, outcome: &outcome, work: &work)
            case .report: try report(repository, claim: claim, outcome: &outcome, work: &work)
            case .deliver: try await deliver(repository, claim: claim, outcome: &outcome, work: &work)
            }
        } catch is JobLost {
            work.jobsLost += 1
            notice("\(key.repository): \(key.kind.rawValue) \(key.week) was taken over by another process while this one stalled; left to it")
        } catch {
            let message = TerminalText.oneLine((error as? PRHubError)?.message ?? String(describing: error))
            // A delivery's sender already retried; an ingest or report is tried again after 2, 4, … seconds.
            let retry = key.kind != .deliver && claim.job.attempts < maxAttempts
            let retryAt = retry ? Date() + min(300, pow(2, Double(claim.job.attempts))) : nil
            do {
                try store.failJob(claim, error: message, retryAt: retryAt)
                if !retry { outcome.failures.append(key.kind == .ingest ? message : "\(key.week) \(key.language): \(message)") }
            } catch is JobLost {
                work.jobsLost += 1
            } catch {
                outcome.failures.append(message)
            }
        }
        work.outcomes[index] = outcome
    }

    private func ingest(
        _ repository: HubConfig.Repository, claim: JobClaim, outcome: inout RepositoryOutcome, work: inout PassWork
    ) async throws {
        let name = repository.name
        let clone = try openClone(repository, fetch: true)
        let wantsDiff = try ProfileResolver.diffFilter(file: repository.profile, repository: clone, name: name)
        // The fetch may have taken long: a process that lost its claim meanwhile must not read a clone older
        // than the one the new holder reads (commits it lacks would look force-pushed away).
        guard try store.renewLease(claim, lease: lease.seconds) else { throw JobLost(job: claim.job.id) }
        let ingest = try Ingestion(store: store, repository: clone, name: name, wantsDiff: wantsDiff).run()
        for notice in ingest.notices { self.notice("\(name): \(notice.message)") }
        let weeks = weeks(endingWith: claim.job.key.week)
        if repository.github, let first = weeks.first, let last = weeks.last {
            guard let github else { throw PRHubError(.invalidArgument, "\(name) asks for GitHub data but no token was found (GITHUB_TOKEN)") }
            do {
                _ = try await GitHubSync(store: store, client: github, name: name).run(since: first.startInstant, until: last.endInstant)
            } catch let error as GitHubError {
                throw PRHubError(.github, error.message)
            }
        }
        var reports: [HubJob.Key] = []
        for period in weeks {
            guard let week = period.week?.description,
                  let (_, hash) = try work.digest(of: repository, week: week, pass: self) else {
                outcome.skipped += 1  // before the history the clone holds
                continue
            }
            reports.append(HubJob.Key(kind: .report, repository: name.description, week: week, inputHash: hash))
        }
        // Deliveries that failed in an earlier pass are tried once more in this one.
        try store.requeueFailedJobs(repository: name.description)
        try store.completeJob(claim, then: reports)
    }

    private func report(
        _ repository: HubConfig.Repository, claim: JobClaim, outcome: inout RepositoryOutcome, work: inout PassWork
    ) throws {
        let key = claim.job.key
        guard let (digest, hash) = try work.digest(of: repository, week: key.week, pass: self) else {
            return try store.completeJob(claim)
        }
        for language in config.languages
        where try store.writtenReportHash(repository: key.repository, week: key.week, language: language.rawValue) != hash {
            try store.recordReport(repository: key.repository, week: key.week, language: language.rawValue, inputHash: hash, fence: claim)
            outcome.reportsWritten += 1
        }
        // A week without merged PRs is written (the website shows it) but not announced.
        var deliveries: [HubJob.Key] = []
        if digest.prCount > 0 {
            for id in repository.deliver {
                guard let target = config.targets[id] else { continue }
                for language in target.languages {
                    deliveries.append(HubJob.Key(
                        kind: .deliver, repository: key.repository, week: key.week, language: language.rawValue, target: id, inputHash: hash))
                }
            }
        }
        try store.completeJob(claim, then: deliveries)
    }

    private func deliver(
        _ repository: HubConfig.Repository, claim: JobClaim, outcome: inout RepositoryOutcome, work: inout PassWork
    ) async throws {
        let key = claim.job.key
        guard let target = config.targets[key.target], let language = Language(rawValue: key.language) else {
            throw PRHubError(.invalidArgument, "target '\(key.target)' in \(key.language) is no longer in the config")
        }
        // A week before the clone's history, or without merged PRs (now), is not announced.
        guard let (digest, hash) = try work.digest(of: repository, week: key.week, pass: self), digest.prCount > 0 else {
            return try store.completeJob(claim)
        }
        // The week changed since this delivery was queued (new data, or this machine sees it otherwise): the
        // delivery of what it is now is queued in its place — once, whoever queues it — so none is lost.
        guard hash == key.inputHash else {
            var current = key
            current.inputHash = hash
            return try store.completeJob(claim, then: [current])
        }
        let ledgerKey = Store.DeliveryKey(repository: key.repository, week: key.week, language: key.language, target: key.target)
        let record = try store.delivery(ledgerKey)
        if record?.state == .sent && record?.sentHash == hash { return try store.completeJob(claim) }
        let isUpdate = record?.sentHash != nil
        let message = WeekMessageBuilder.message(digest, language: language, baseURL: config.baseURL, isUpdate: isUpdate)
        try store.recordAttempt(ledgerKey, inputHash: hash, fence: claim)
        do {
            try await sender.send(message, to: target.target)
        } catch let error as DeliveryError {
            try store.recordFailure(ledgerKey, error: error.message, fence: claim)
            throw PRHubError(.invalidArgument, error.message)
        }
        try store.recordSent(ledgerKey, inputHash: hash, fence: claim)
        outcome.sent += 1
        if isUpdate { outcome.updates += 1 }
    }

    /// The weeks a pass writes, oldest first: `backfillWeeks` of them, the last being `lastWeek` (the last
    /// complete week when the pass began).
    func weeks(endingWith lastWeek: String) -> [Period] {
        guard let last = try? ISOWeek(lastWeek) else { return [] }
        return (0..<config.backfillWeeks).reversed().map { back in
            Period(week: ISOWeek(containing: last.monday.adding(days: -7 * back)), zone: config.zone)
        }
    }

    /// The repository's clone: a `git:` clone, or the mirror — fetched when `fetch`, and made when this
    /// machine has none yet (another machine may have run the ingest): a report read without the clone could
    /// miss its `.prhub.yml` and differ from the one the ingest's machine made.
    func openClone(_ repository: HubConfig.Repository, fetch: Bool) throws -> GitRepository {
        let name = repository.name
        switch repository.source {
        case .clone(let path): return try GitRepository(path: path)
        case .mirror(let url):
            let path = "\(config.mirrors ?? defaultMirrors)/\(name.owner)/\(name.name).git"
            if !fetch, let here = try? GitRepository(path: path) { return here }
            return try GitRepository.mirror(url: url, at: path)
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

/// What one process's pass keeps between its jobs: the outcome per repository, and the digests it made
/// (keyed by the store's fingerprint of the week, so new data makes a new one).
struct PassWork {
    var outcomes: [HubPass.RepositoryOutcome]
    var jobsRun = 0
    var jobsLost = 0
    private var generators: [String: ReportGenerator] = [:]
    private var digests: [String: (digest: PRHubModel.Digest, hash: String)] = [:]

    init(_ outcomes: [HubPass.RepositoryOutcome]) { self.outcomes = outcomes }

    /// The week's digest and its hash; nil for a week before the history the clone holds.
    mutating func digest(of repository: HubConfig.Repository, week: String, pass: HubPass) throws -> (PRHubModel.Digest, String)? {
        let name = repository.name
        let period = Period(week: try ISOWeek(week), zone: pass.config.zone)
        let version = try pass.store.version(name, from: period.startInstant, to: period.endInstant)
        let key = "\(name)|\(week)|\(version)"
        if let cached = digests[key] { return cached }
        let generator: ReportGenerator
        if let made = generators[name.description] {
            generator = made
        } else {
            let clone = try pass.openClone(repository, fetch: false)
            let profile = try ProfileResolver.resolve(file: repository.profile, repository: clone, name: name, store: pass.store)
            generator = ReportGenerator(store: pass.store, repository: clone, profile: profile)
            generators[name.description] = generator
        }
        let digest: PRHubModel.Digest
        do {
            digest = try generator.digest(
                ReportRequest(repository: name, period: period, language: pass.config.languages[0], format: .json, baseURL: pass.config.baseURL))
        } catch let error as PRHubError where error.code == .periodNotRead {
            return nil
        }
        let made = (digest, HubPass.hash(digest))
        digests[key] = made
        return made
    }
}
