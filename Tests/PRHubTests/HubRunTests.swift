import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubDelivery
import PRHubGit
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// `prhub run --config` as a user runs it: real processes over two real git repositories, delivering to a
/// loopback server that plays WeCom and a JSON webhook; killed mid-pass and run again.
@Suite struct HubRunTests {
    /// A second repository: PRs in 2026-W13 and W14.
    static func otherRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.commit("Initial import", files: ["svc/main.py": .lines(50)], date: "2026-03-10T08:00:00Z")
        try repo.squashMerge(number: 7, title: "[Feature] Add a health endpoint", files: ["svc/health.py": .lines(30)], date: "2026-03-24T09:00:00Z")
        try repo.squashMerge(number: 8, title: "[Bugfix] Fix a crash on empty input", files: ["svc/main.py": .lines(52)], date: "2026-03-31T09:00:00Z")
        try repo.squashMerge(number: 9, title: "[Doc] Describe the endpoint", files: ["docs/health.md": .lines(12)], date: "2026-04-01T09:00:00Z")
        return repo
    }

    /// What a delivered message is about: (target, report address, language).
    static func key(_ item: ThreadedWebhookReceiver.Request) -> String {
        let text = item.text
        let url = text.range(of: #"https://reports\.example\.org/[A-Za-z0-9._-]+/[A-Za-z0-9._-]+/reports/[0-9-]+to-[0-9-]+"#, options: .regularExpression)
            .map { String(text[$0]) } ?? "?"
        let language = item.path == "/webhook" ? (item.json["language"] as? String ?? "?") : (text.contains("周报") ? "zh" : "en")
        return "\(item.path) \(url) \(language)"
    }

    @Test func aPassKilledMidwayAndRunAgainDeliversEachMessageOnceAndUpdatesWhatChanged() throws {
        let engine = try Fixtures.riskyWeek()
        let other = try Self.otherRepository()
        let folder = try IngestFaultTests.folder()
        let receiver = try ThreadedWebhookReceiver()
        defer { engine.remove(); other.remove(); receiver.stop(); try? FileManager.default.removeItem(atPath: folder) }
        let base = "http://127.0.0.1:\(receiver.port)"
        func config(profile: String? = nil) -> String {
            """
            timeZone: UTC
            languages: [zh, en]
            baseURL: https://reports.example.org
            backfillWeeks: 3
            site: \(folder)/site
            repositories:
              - name: acme/engine
                git: \(engine.path)
                deliver: [ops-wecom, automation]
            \(profile.map { "    profile: \($0)\n" } ?? "")  - name: acme/other
                git: \(other.path)
                deliver: [ops-wecom, automation]
              - name: acme/missing
                git: \(folder)/no-such-clone
                deliver: [automation]
            targets:
              ops-wecom: {kind: wecom, url: "\(base)/wecom?key=${WECOM_KEY}"}
              automation: {kind: webhook, url: "\(base)/webhook"}
            """
        }
        try config().write(toFile: folder + "/hub.yml", atomically: true, encoding: .utf8)
        let arguments = ["run", "--config", folder + "/hub.yml", "--db", folder + "/store.sqlite", "--as-of", "2026-04-07"]
        let environment = ["WECOM_KEY": "wecom-secret-key"]
        // Four weeks with PRs (engine W12 and W14, other W13 and W14), two languages, two targets.
        let expected = 16
        receiver.setDelay(0.15)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while receiver.received.count < 5 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let beforeKill = receiver.received.count
        #expect(beforeKill >= 5 && beforeKill < expected, "the kill came at \(beforeKill) messages")
        receiver.setDelay(0)

        let second = try IngestFaultTests.run(arguments, environment: environment)
        #expect(!second.hung)
        // The missing clone fails its repository only, and the pass says so in one line.
        #expect(second.status != 0 && second.errorLines.count == 1 && second.stderr.contains("acme/missing"), "\(second.stderr)")
        #expect(second.stderr.contains("acme/engine: ") && !second.stderr.contains("wecom-secret-key"), "\(second.stderr)")
        let delivered = receiver.received.map(Self.key)
        let counts = Dictionary(delivered.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counts.count == expected, "\(counts.keys.sorted())")
        let duplicates = counts.values.reduce(0) { $0 + $1 - 1 }
        #expect(duplicates <= 1, "at most the one message in flight at the kill is sent twice: \(counts.filter { $0.value > 1 })")

        let third = try IngestFaultTests.run(arguments, environment: environment)
        #expect(receiver.received.count == delivered.count, "a pass with nothing new sends nothing: \(third.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/site/acme/engine/reports/2026-03-30-to-2026-04-05.en.html"))

        // A new profile changes engine's risks: its weeks are delivered again, as updates.
        try "corePaths: [docs/]\n".write(toFile: folder + "/profile.yml", atomically: true, encoding: .utf8)
        try config(profile: folder + "/profile.yml").write(toFile: folder + "/hub.yml", atomically: true, encoding: .utf8)
        _ = try IngestFaultTests.run(arguments, environment: environment)
        let updates = receiver.received.dropFirst(delivered.count)
        #expect(!updates.isEmpty && updates.allSatisfy { $0.text.contains("acme/engine") })
        #expect(updates.allSatisfy { $0.text.contains("更新") || $0.text.contains("updated") || $0.json["update"] as? Bool == true })
        print("hub run: \(expected) messages expected; killed at \(beforeKill); duplicates \(duplicates); \(updates.count) updates after a profile change")
    }
}

/// `prhub serve --config`: the hub's pass runs inside the server on start when a scheduled pass was missed,
/// its ledger and next run are on `/hub` and in `/metrics`, and SIGTERM still stops it.
@Suite struct HubServeTests {
    @Test func theServerCatchesUpOnAMissedPassAndShowsItsLedger() async throws {
        // Two PRs in the last complete week (UTC), whatever today is.
        let week = Period.lastCompleteWeek(now: Date(), zone: .utc)
        let repo = try TestRepository()
        let folder = try IngestFaultTests.folder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        for (index, day) in [1, 3].enumerated() {
            try repo.squashMerge(
                number: 10 + index, title: "[Feature] Step \(index)", files: ["svc/step\(index).py": .lines(20)],
                date: "\(week.start.adding(days: day))T10:00:00Z")
        }
        let receiver = try ThreadedWebhookReceiver()
        defer { receiver.stop() }
        do {
            try """
            timeZone: UTC
            languages: [en]
            baseURL: https://reports.example.org
            schedule: "MON 00:01"
            backfillWeeks: 1
            repositories:
              - name: acme/service
                git: \(repo.path)
                deliver: [automation]
            targets:
              automation: {kind: webhook, url: "http://127.0.0.1:\(receiver.port)/webhook"}
            """.write(toFile: folder + "/hub.yml", atomically: true, encoding: .utf8)
            let port = LoopbackListener.freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = ["serve", "--config", folder + "/hub.yml", "--db", folder + "/store.sqlite", "--port", "\(port)", "--no-access-log"]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let deadline = Date().addingTimeInterval(60)
            while receiver.received.isEmpty && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
            #expect(receiver.received.count == 1, "the missed pass ran on start")
            let hub = String(decoding: try await HTTP1.get(port: port, "/hub").body, as: UTF8.self)
            #expect(hub.contains("acme/service") && hub.contains("<td>sent</td>"), "\(hub.suffix(600))")
            let metrics = String(decoding: try await HTTP1.get(port: port, "/metrics").body, as: UTF8.self)
            let next = metrics.split(separator: "\n").first { $0.hasPrefix("prhub_hub_next_run_timestamp_seconds ") }
                .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
            #expect(next > Date().timeIntervalSince1970, "\(metrics.suffix(400))")
            #expect(metrics.contains("prhub_hub_deliveries_sent 1"))
            kill(process.processIdentifier, SIGTERM)
            let stop = Date().addingTimeInterval(20)
            while process.isRunning && Date() < stop { try await Task.sleep(nanoseconds: 50_000_000) }
            #expect(!process.isRunning, "SIGTERM stops the server and its scheduler")
            print("hub serve: \(receiver.received.count) delivered on start; next run at \(Date(timeIntervalSince1970: next)); exit \(process.terminationStatus)")
        }
    }
}

/// A repository given by `url:` is mirrored by PRHub itself and fetched on every pass.
@Suite struct HubMirrorTests {
    @Test func aMirroredRepositoryFollowsItsRemote() throws {
        let source = try HubRunTests.otherRepository()
        let folder = try IngestFaultTests.folder()
        let receiver = try ThreadedWebhookReceiver()
        defer { source.remove(); receiver.stop(); try? FileManager.default.removeItem(atPath: folder) }
        try """
        timeZone: UTC
        languages: [en]
        baseURL: https://reports.example.org
        backfillWeeks: 2
        repositories:
          - name: acme/other
            url: file://\(source.path)
            deliver: [automation]
        targets:
          automation: {kind: webhook, url: "http://127.0.0.1:\(receiver.port)/webhook"}
        """.write(toFile: folder + "/hub.yml", atomically: true, encoding: .utf8)
        let arguments = ["run", "--config", folder + "/hub.yml", "--db", folder + "/store.sqlite", "--as-of", "2026-04-07"]
        let first = try IngestFaultTests.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/mirrors/acme/other.git/HEAD"))
        #expect(receiver.received.count == 2)
        // Late work lands in W14 upstream: the next pass fetches it and delivers W14 again as an update.
        try source.squashMerge(number: 11, title: "[Bugfix] A late fix", files: ["svc/late.py": .lines(3)], date: "2026-04-04T09:00:00Z")
        let second = try IngestFaultTests.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        let last = receiver.received.last
        #expect(receiver.received.count == 3 && last?.json["update"] as? Bool == true && last?.text.contains("2026-03-30-to-2026-04-05") == true)
    }
}

/// A hub repository with `github: true`: the pass syncs the weeks from GitHub (played by the fake) before
/// writing them, so the delivered week carries GitHub's view (labels, review).
@Suite struct HubGitHubTests {
    @Test func aPassSyncsFromGitHubBeforeWritingTheWeek() async throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try IngestFaultTests.folder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        // GitHub's view of the fixture's PRs, read from a throwaway ingest.
        let scratch = try Store.inMemory()
        _ = try Ingestion(store: scratch, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let prs = try scratch.pullRequests(Fixtures.name, from: GitHubReportTests.week.startInstant, to: GitHubReportTests.week.endInstant)
        let github = FakeGitHub.State(pullRequests: GitHubReportTests.gitHubView(of: prs))
        let webhooks = FakeChatWebhooks.State()
        try await FakeGitHub.application(state: github).test(.live) { gitHubClient in
            try await FakeChatWebhooks.application(state: webhooks).test(.live) { chatClient in
                let config = try HubConfig.parse("""
                    timeZone: UTC
                    languages: [en]
                    baseURL: https://reports.example.org
                    backfillWeeks: 1
                    repositories:
                      - name: acme/engine
                        git: \(repo.path)
                        github: true
                        deliver: [automation]
                    targets:
                      automation: {kind: webhook, url: "http://127.0.0.1:\(chatClient.port!)/webhook"}
                    """, source: "hub.yml", environment: [:])
                let client = GitHubClient(endpoint: try GitHubEndpoint("http://127.0.0.1:\(gitHubClient.port!)"), token: "test-token")
                let store = try Store.open(path: folder + "/store.sqlite")
                let pass = HubPass(config: config, store: store, defaultMirrors: folder + "/mirrors", sender: ChatSender(), github: client) { _ in }
                let summary = try await pass.run(asOf: GitHubReportTests.week.endInstant.addingTimeInterval(86_400))
                #expect(!summary.failed, "\(summary.repositories.flatMap(\.failures))")
                #expect(try store.gitHubPullRequestCount(Fixtures.name) == prs.count)
                #expect(await github.count(.search) >= 1)
                let delivered = await webhooks.accepted
                #expect(delivered.count == 1 && delivered.first?.text.contains("2026-03-30-to-2026-04-05") == true)
                // Without a token the repository fails alone, saying why.
                let tokenless = HubPass(config: config, store: store, defaultMirrors: folder + "/mirrors", sender: ChatSender(), github: nil) { _ in }
                let failed = try await tokenless.run(asOf: GitHubReportTests.week.endInstant.addingTimeInterval(86_400))
                #expect(failed.repositories.first?.failures.first?.contains("GITHUB_TOKEN") == true)
            }
        }
    }
}
