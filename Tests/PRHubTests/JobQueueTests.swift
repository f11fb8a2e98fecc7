import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubDelivery
import PRHubPipeline
import PRHubServer
import PRHubStore
import PRHubTestSupport
import Testing

/// The hub's jobs on both engines: claims never overlap, a lapsed lease is taken over, a lost claim can
/// write nothing, failures wait for their retry, and a report or delivery is one job per input for ever.
@Suite struct JobQueueTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }

        /// PostgreSQL only when a server answers; the suites of `StoreEngineTests` are skipped then, saying why.
        static var available: [Engine] { TestPostgres.isReachable ? allCases : [.sqlite] }
    }

    /// Two handles on one new store (two processes, as far as the store can tell).
    func stores(_ engine: Engine) throws -> (Store, Store, cleanup: () -> Void) {
        switch engine {
        case .sqlite:
            let folder = try IngestFaultTests.folder()
            let path = folder + "/store.sqlite"
            return (try Store.open(path), try Store.open(path), { try? FileManager.default.removeItem(atPath: folder) })
        case .postgres:
            let url = TestPostgres.freshStoreURL("jobs")
            return (try Store.open(url), try Store.open(url), {})
        }
    }

    static func deliver(_ target: String, hash: String = "h1") -> HubJob.Key {
        HubJob.Key(kind: .deliver, repository: "acme/engine", week: "2026-W14", language: "zh", target: target, inputHash: hash)
    }

    @Test(arguments: Engine.available)
    func claimsNeverOverlapAndALapsedLeaseIsTakenOverWithANewGeneration(_ engine: Engine) throws {
        let (a, b, cleanup) = try stores(engine)
        defer { cleanup() }
        let repos = ["acme/engine"]
        try a.enqueue([Self.deliver("x"), Self.deliver("y")])
        try b.enqueue([Self.deliver("x")])  // the same input: not added again
        let first = try #require(try a.claimJob(repositories: repos, owner: "host-a:1", lease: 30))
        let second = try #require(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 30))
        #expect(first.job.id != second.job.id)
        #expect(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 30) == nil, "two jobs, two claims")
        #expect(try a.claimJob(repositories: ["other/repo"], owner: "host-a:1", lease: 30) == nil)

        // a stalls: its lease lapses, b takes the job over with the next generation…
        let later = Date() + 31
        let taken = try #require(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 30, at: later))
        #expect(taken.job.id == first.job.id && taken.generation == first.generation + 1 && taken.job.attempts == 2)
        // …and a, awake again, can neither renew, write the ledger, nor finish it.
        #expect(try a.renewLease(first, lease: 30) == false)
        let ledger = Store.DeliveryKey(repository: "acme/engine", week: "2026-W14", language: "zh", target: "x")
        #expect(throws: JobLost.self) { try a.recordAttempt(ledger, inputHash: "h1", fence: first) }
        #expect(throws: JobLost.self) { try a.recordReport(repository: "acme/engine", week: "2026-W14", language: "zh", inputHash: "h1", fence: first) }
        #expect(throws: JobLost.self) { try a.completeJob(first) }
        #expect(try a.delivery(ledger) == nil)
        #expect(try a.reportWrites().isEmpty)
        // b's claim holds.
        try b.recordAttempt(ledger, inputHash: "h1", fence: taken)
        try b.recordSent(ledger, inputHash: "h1", fence: taken)
        #expect(try a.job(taken.job.id)?.state == .done)
        #expect(try a.delivery(ledger)?.state == .sent)
        try b.completeJob(second)
        #expect(try a.openJobCount(repositories: repos) == 0)
        // Done for ever: the same delivery queued again is not added; a new digest is a new job.
        try a.enqueue([Self.deliver("x"), Self.deliver("x", hash: "h2")])
        #expect(try a.openJobCount(repositories: repos) == 1)
    }

    @Test(arguments: Engine.available)
    func aDeadLocalOwnerIsTakenOverAtOnceAndFailuresWaitForTheirRetry(_ engine: Engine) throws {
        let (a, b, cleanup) = try stores(engine)
        defer { cleanup() }
        let repos = ["acme/engine"]
        let ingest = HubJob.Key(kind: .ingest, repository: "acme/engine", week: "2026-W14")
        try a.enqueue([ingest])
        try b.enqueue([ingest])  // one ingest while one is queued or running
        #expect(try a.openJobCount(repositories: repos) == 1)
        let held = try #require(try a.claimJob(repositories: repos, owner: "host-a:999999", lease: 600))
        #expect(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 600) == nil)
        #expect(try b.runningJobOwners() == ["host-a:999999"])
        let retaken = try #require(try b.claimJob(repositories: repos, owner: "host-b:2", deadOwners: ["host-a:999999"], lease: 600))
        #expect(retaken.job.id == held.job.id)
        // A failure waits for its retry time, then is due again; a final failure is kept with its error.
        try b.failJob(retaken, error: "git: not a repository", retryAt: Date() + 60)
        #expect(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 600) == nil)
        let retry = try #require(try b.claimJob(repositories: repos, owner: "host-b:2", lease: 600, at: Date() + 61))
        try b.failJob(retry, error: "git: not a repository", retryAt: nil)
        let failed = try a.jobs(in: [.failed])
        #expect(failed.map(\.key) == [ingest] && failed.first?.lastError == "git: not a repository" && failed.first?.attempts == 3)
        #expect(try a.jobCounts()[.failed] == 1)
        #expect(try a.openJobCount(repositories: repos) == 0)
        // A new pass may queue a new ingest; deliveries are claimed before ingests queued earlier.
        try a.enqueue([ingest, Self.deliver("x")])
        let delivery = try #require(try a.claimJob(repositories: repos, owner: "host-a:1", lease: 600))
        #expect(delivery.job.key == Self.deliver("x"))
        let again = try #require(try a.claimJob(repositories: repos, owner: "host-a:1", lease: 600))
        #expect(again.job.key == ingest && again.job.id != held.job.id)
        // Failed reports and deliveries come back to the queue in the next pass.
        try a.failJob(delivery, error: "HTTP 500", retryAt: nil)
        try a.requeueFailedJobs(repository: "acme/engine")
        #expect(try a.jobs(in: [.queued]).contains { $0.key == Self.deliver("x") && $0.attempts == 0 })
    }
}

/// The website shows the hub's failed jobs with their last error, escaped, and counts jobs in `/metrics`.
@Suite struct HubJobsPageTests {
    @Test func aFailedJobIsOnTheHubPageWithItsErrorAndInTheMetrics() async throws {
        let store = try Store.inMemory()
        try store.enqueue([JobQueueTests.deliver("ops")])
        let claim = try #require(try store.claimJob(repositories: ["acme/engine"], owner: "host:1", lease: 30))
        try store.failJob(claim, error: "ops: <script>alert(1)</script> refused (93000)", retryAt: nil)
        var options = ServerOptions(defaultLanguage: .en)
        options.hub = HubStatus()
        let router = WebApp.buildRouter(
            library: ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org"), options: options)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/hub", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<td>deliver</td><td>acme/engine</td><td>2026-W14</td><td>zh</td><td>ops</td><td>failed</td>"), "\(html.suffix(800))")
                #expect(html.contains("ops: &lt;script&gt;alert(1)&lt;/script&gt; refused (93000)"))
                #expect(!html.contains("<script>alert"))
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(String(buffer: response.body).contains("prhub_hub_jobs_failed 1"))
            }
        }
    }
}

/// A delivery queued for a digest the week no longer has (new data since, or a machine that saw the week
/// otherwise) is not dropped: the delivery of the week as it is now takes its place, and goes out once.
@Suite struct OutdatedDeliveryTests {
    @Test func anOutdatedDeliveryIsReplacedByTheCurrentOneAndSentOnce() async throws {
        let repo = try HubRunTests.otherRepository()
        let folder = try IngestFaultTests.folder()
        let receiver = try ThreadedWebhookReceiver()
        defer { repo.remove(); receiver.stop(); try? FileManager.default.removeItem(atPath: folder) }
        let config = try HubConfig.parse("""
            timeZone: UTC
            languages: [en]
            baseURL: https://reports.example.org
            backfillWeeks: 1
            repositories:
              - name: acme/other
                git: \(repo.path)
                deliver: [automation]
            targets:
              automation: {kind: webhook, url: "http://127.0.0.1:\(receiver.port)/webhook"}
              second: {kind: webhook, url: "http://127.0.0.1:\(receiver.port)/second"}
            """, source: "hub.yml", environment: [:])
        let store = try Store.open(path: folder + "/store.sqlite")
        let pass = HubPass(config: config, store: store, defaultMirrors: folder + "/mirrors", sender: ChatSender(), github: nil) { _ in }
        let asOf = Date(timeIntervalSince1970: 1_775_520_000)  // 2026-04-07: the last complete week is 2026-W14
        _ = try await pass.run(asOf: asOf)
        #expect(receiver.received.map(\.path) == ["/webhook"])
        // A delivery queued with a digest the week does not have (here made up; in life, data that changed).
        let outdated = HubJob.Key(
            kind: .deliver, repository: "acme/other", week: "2026-W14", language: "en", target: "second", inputHash: "outdated")
        try store.enqueue([outdated])
        let summary = try await pass.run(asOf: asOf)
        #expect(!summary.failed, "\(summary.repositories.flatMap(\.failures))")
        #expect(receiver.received.map(\.path) == ["/webhook", "/second"])
        let done = try store.jobs(in: [.done], limit: 50).filter { $0.key.kind == .deliver && $0.key.target == "second" }
        #expect(done.count == 2 && done.contains { $0.key == outdated } && done.contains { $0.key.inputHash != "outdated" })
    }
}

/// A job that kills every process that takes it (here: one claimed again and again by processes that
/// died) is given up after a few claims, kept with the reason, instead of being tried for ever.
@Suite struct PoisonJobTests {
    @Test func aJobWhoseHoldersKeepDyingIsGivenUp() async throws {
        let repo = try HubRunTests.otherRepository()
        let folder = try IngestFaultTests.folder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let config = try HubConfig.parse("""
            timeZone: UTC
            languages: [en]
            baseURL: https://reports.example.org
            backfillWeeks: 1
            repositories:
              - name: acme/other
                git: \(repo.path)
            """, source: "hub.yml", environment: [:])
        let store = try Store.open(path: folder + "/store.sqlite")
        let ingest = HubJob.Key(kind: .ingest, repository: "acme/other", week: "2026-W14")
        try store.enqueue([ingest])
        // Five processes of this machine claimed it and died holding it (no such process ids).
        let owners = (1...5).map { "\(JobLease.host):99999\($0)" }
        for (round, owner) in owners.enumerated() {
            _ = try #require(try store.claimJob(repositories: ["acme/other"], owner: owner, deadOwners: Array(owners.prefix(round)), lease: 600))
        }
        let pass = HubPass(config: config, store: store, defaultMirrors: folder + "/mirrors", sender: ChatSender(), github: nil) { _ in }
        _ = try await pass.run(asOf: Date(timeIntervalSince1970: 1_775_520_000))
        let failed = try store.jobs(in: [.failed])
        #expect(failed.count == 1 && failed.first?.lastError?.contains("given up after 5 claims") == true, "\(failed)")
    }
}
