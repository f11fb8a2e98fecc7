import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// The GitHub source against a real HTTP server on 127.0.0.1 that plays GitHub.
@Suite struct GitHubSyncTests {
    static let name = try! RepositoryName("acme/engine")
    static let week = Period(week: try! ISOWeek("2026-W14"), zone: .utc)

    /// Waits the client asked for, without really waiting.
    actor Waits {
        var seconds: [Double] = []
        var notices: [String] = []
        func add(_ value: Double) { seconds.append(value) }
        func say(_ text: String) { notices.append(text) }
    }

    /// `count` merged PRs spread over 2026-W14; a few big ones and one long review.
    static func week(count: Int) -> [FakeGitHub.PR] {
        let start = week.startInstant
        return (1...count).map { index in
            let number = 1_000 + index
            var pr = FakeGitHub.PR(
                number: number, title: "[Core] change \(index)", body: "Makes thing \(index) faster.\n\nFixes #\(index)",
                author: index % 7 == 0 ? "dependabot[bot]" : "dev\(index % 5)", mergedAt: start.addingTimeInterval(Double(index) * 2_000))
            pr.authorIsBot = index % 7 == 0
            pr.labels = index % 2 == 0 ? ["bug", "ready"] : ["performance"]
            let fileCount = index == 10 ? 250 : index == 20 || index == 30 ? 150 : 3
            pr.files = (0..<fileCount).map { ("vllm/module\(index % 4)/file\($0).py", 10, 2) }
            pr.reviews = [("rev\(index % 3)", false, "APPROVED", "LGTM"), ("copilot-pull-request-reviewer", true, "COMMENTED", "Summary")]
            let threadCount = index == 40 ? 55 : 2
            pr.threads = (0..<threadCount).map { t in
                ("vllm/module\(index % 4)/file0.py", t != 0, [("rev\(index % 3)", false, "Why not cache this? (\(t))"), ("dev\(index % 5)", false, "Done.")])
            }
            pr.comments = [("dev\(index % 5)", false, "/ready"), ("github-actions[bot]", true, "CI passed")]
            pr.closingIssues = [index]
            return pr
        }
    }

    struct Harness {
        var store: Store
        var state: FakeGitHub.State
        var waits: Waits
    }

    /// Runs `body` with a store, the fake GitHub, and a function that syncs the week once.
    func withGitHub<T: Sendable>(
        _ pulls: [FakeGitHub.PR], store: Store? = nil,
        _ body: @Sendable (Harness, _ sync: @Sendable () async throws -> (GitHubSync.Result, requests: Int)) async throws -> T
    ) async throws -> T {
        let store = try store ?? Store.inMemory()
        let state = FakeGitHub.State(pullRequests: pulls)
        let waits = Waits()
        let app = FakeGitHub.application(state: state)
        return try await app.test(.live) { client in
            let endpoint = try GitHubEndpoint("http://127.0.0.1:\(client.port!)")
            let sync: @Sendable () async throws -> (GitHubSync.Result, requests: Int) = {
                let github = GitHubClient(
                    endpoint: endpoint, token: "test-token", notice: { text in Task { await waits.say(text) } },
                    sleep: { await waits.add($0) })
                let result = try await GitHubSync(store: store, client: github, name: Self.name)
                    .run(since: Self.week.startInstant, until: Self.week.endInstant)
                return (result, await github.requests)
            }
            return try await body(Harness(store: store, state: state, waits: waits), sync)
        }
    }

    @Test func aWeekOf250PRsTakesOneRequestPer25AndOneToLearnNothingChanged() async throws {
        try await withGitHub(Self.week(count: 250)) { h, sync in
            let (first, requests) = try await sync()
            let points = await h.state.points
            print("github sync of 250 PRs: \(requests) requests (\(await h.state.count(.search)) search pages, "
                + "\(await h.state.count(.followUp)) follow-ups), \(points) GraphQL points")
            #expect(first.pullRequests == 250)
            // 10 search pages; follow-ups per page, several PRs in one query: page 1 holds #1010 (250 files) and
            // #1020 (150 files) → two rounds; page 2 holds #1030 (150 files) and #1040 (55 threads) → one round.
            #expect(requests == 13)
            #expect(await h.state.count(.followUp) == 3)
            #expect(await h.state.count(.search) == 10)
            let prs = try h.store.pullRequests(Self.name, from: Self.week.startInstant, to: Self.week.endInstant)
            #expect(prs.count == 250)
            #expect(prs.first { $0.number == 1_010 }?.files.count == 250)
            #expect(prs.first { $0.number == 1_020 }?.files.count == 150)
            let long = try #require(prs.first { $0.number == 1_040 }?.discussion)
            #expect(long.threads.count == 55 && long.totalThreads == 55)
            let sample = try #require(prs.first { $0.number == 1_002 })
            #expect(sample.githubLabels == ["bug", "ready"])
            #expect(sample.login == "dev2")
            #expect(sample.discussion?.reviews.map(\.author) == ["rev2", "copilot-pull-request-reviewer[bot]"])
            #expect(sample.discussion?.reviews.map(\.isBot) == [false, true])
            #expect(sample.discussion?.closingIssues == [2])
            #expect(sample.discussion?.threads.first?.isResolved == false)
            #expect(prs.first { $0.number == 1_007 }?.login == "dependabot[bot]")

            await h.state.clearLog()
            let (second, again) = try await sync()
            #expect(second.upToDate)
            #expect(again == 1)
            await h.state.clearLog()
            let (third, conditional) = try await sync()
            #expect(third.upToDate)
            #expect(conditional == 1)
            #expect(await h.state.log.map(\.status) == [304])
            print("github re-sync with nothing changed: \(again) request, then \(conditional) conditional request (304)")
        }
    }

    @Test func aReSyncFetchesOnlyWhatChanged() async throws {
        try await withGitHub(Self.week(count: 60)) { h, sync in
            _ = try await sync()
            await h.state.update { pulls in
                pulls[4].labels = ["performance", "speculative-decoding"]
                pulls[4].updatedAt = Date().addingTimeInterval(3_600)
            }
            await h.state.clearLog()
            let (result, requests) = try await sync()
            #expect(!result.upToDate)
            #expect(result.pullRequests == 1)
            #expect(requests == 2)
            let query = await h.state.log.compactMap(\.query).first ?? ""
            #expect(query.contains("PRHubSearch"))
            let prs = try h.store.pullRequests(Self.name, from: Self.week.startInstant, to: Self.week.endInstant)
            #expect(prs.count == 60)
            #expect(prs.first { $0.number == 1_005 }?.githubLabels == ["performance", "speculative-decoding"])
        }
    }

    @Test func rateLimitsTimeoutsAndDroppedConnectionsAreRiddenOut() async throws {
        try await withGitHub(Self.week(count: 100)) { h, sync in
            await h.state.script(.search, [.pass, .rateLimitedBody(resetIn: 30), .retryAfter(seconds: 7), .badGatewayAbove(first: 12), .dropConnection, .exhaust(resetIn: 20)])
            let (result, requests) = try await sync()
            #expect(result.pullRequests == 100)
            let prs = try h.store.pullRequests(Self.name, from: Self.week.startInstant, to: Self.week.endInstant)
            #expect(Set(prs.map(\.number)).count == 100 && prs.count == 100)
            let waits = await h.waits.seconds
            #expect(waits.contains { $0 >= 25 && $0 <= 32 }, "RATE_LIMITED waits for the reset: \(waits)")
            #expect(waits.contains(7), "retry-after is honoured: \(waits)")
            #expect(waits.contains { $0 >= 15 && $0 <= 22 }, "an exhausted quota is waited out before the next request: \(waits)")
            let log = await h.state.log
            #expect(log.contains { $0.status == 502 && $0.first == 25 })
            #expect(log.contains { $0.status == 200 && $0.first == 12 }, "the page shrinks after a 502")
            #expect(log.allSatisfy { $0.authorization == "Bearer test-token" })
            try await Task.sleep(nanoseconds: 50_000_000)
            let notices = await h.waits.notices
            #expect(notices.contains { $0.contains("waiting 7s") })
            #expect(!notices.joined().contains("test-token"))
            print("github faults: \(requests) requests for 100 PRs with 5 scripted faults; waits \(waits)")
        }
    }

    @Test func anInterruptedSyncResumesWithoutDuplicates() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-gh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path)
        try await withGitHub(Self.week(count: 200), store: store) { h, sync in
            await h.state.script(.search, [.pass, .pass, .pass] + Array(repeating: .dropConnection, count: 5))
            await #expect(throws: GitHubError.self) { try await sync() }
            #expect(try store.gitHubPullRequestCount(Self.name) == 75)
            await h.state.clearLog()
            // The window must count as current from the first attempt, not the resume: pages 1–3 are not
            // fetched again, so whatever changed on them in between is left to the next incremental sync.
            try await Task.sleep(nanoseconds: 1_100_000_000)
            let resumedAt = Date()
            let (result, _) = try await sync()
            let watermark = try #require(try store.gitHubWatermark(
                repositoryID: try store.repositoryID(Self.name), since: Self.week.startInstant, until: Self.week.endInstant))
            #expect(watermark < resumedAt.addingTimeInterval(-1), "watermark \(watermark) vs resume \(resumedAt)")
            #expect(result.pullRequests == 125)
            #expect(await h.state.count(.search) == 5, "pages 4 to 8 only")
            #expect(try store.gitHubPullRequestCount(Self.name) == 200)
            #expect(try store.changeCount(Self.name) == 200)
        }
        let bytes = try Data(contentsOf: folder.appendingPathComponent("store.sqlite"))
        #expect(bytes.range(of: Data("test-token".utf8)) == nil, "the token is never stored")
    }

    @Test func moreThanAThousandResultsSplitTheWindow() async throws {
        try await withGitHub(Self.week(count: 1_100).enumerated().map { index, pr in
            var pr = pr
            pr.mergedAt = Self.week.startInstant.addingTimeInterval(Double(index) * 500)
            pr.files = [("a.py", 1, 1)]
            pr.threads = []
            return pr
        }) { h, sync in
            let (result, requests) = try await sync()
            #expect(try h.store.gitHubPullRequestCount(Self.name) == 1_100)
            // Without the split only the first 1,000 would be reachable.
            #expect(result.pullRequests >= 1_100)
            #expect(requests <= 1 + 2 * 23)
            print("github sync of 1,100 PRs (over the search cap): \(requests) requests")
        }
    }

    @Test func restServesFilesWhenGraphQLCannot() async throws {
        try await withGitHub(Self.week(count: 45)) { h, sync in
            await h.state.script(.followUp, [.badGatewayAlways])
            let (result, _) = try await sync()
            #expect(result.restFallbacks == 3)
            #expect(result.threadsLeftOut == 1, "#1040's threads past the first 40")
            let long = try h.store.pullRequests(Self.name, from: Self.week.startInstant, to: Self.week.endInstant).first { $0.number == 1_040 }
            #expect(long?.discussion?.threads.count == 40 && long?.discussion?.totalThreads == 55)
            let prs = try h.store.pullRequests(Self.name, from: Self.week.startInstant, to: Self.week.endInstant)
            #expect(prs.first { $0.number == 1_010 }?.files.count == 250)
            #expect(prs.first { $0.number == 1_030 }?.files.count == 150)
        }
    }

    @Test func aWrongTokenIsOneClearError() async throws {
        let store = try Store.inMemory()
        let state = FakeGitHub.State(pullRequests: Self.week(count: 3), token: "the-right-one")
        try await FakeGitHub.application(state: state).test(.live) { client in
            let github = GitHubClient(endpoint: try GitHubEndpoint("http://127.0.0.1:\(client.port!)"), token: "wrong-secret-token")
            let error = await #expect(throws: GitHubError.self) {
                try await GitHubSync(store: store, client: github, name: Self.name).run(since: Self.week.startInstant, until: Self.week.endInstant)
            }
            #expect(error?.kind == .unauthorized)
            #expect(error?.message.contains("401") == true)
            #expect(error?.message.contains("wrong-secret-token") == false)
        }
    }
}

@Suite struct RateLimitPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func reply(_ status: Int, _ headers: [String: String] = [:], types: [String] = [], body: String = "") -> RateLimitPolicy.Reply {
        RateLimitPolicy.Reply(status: status, headers: headers, graphQLErrorTypes: types, bodyPrefix: body, now: now)
    }

    @Test func decisions() {
        #expect(RateLimitPolicy.decide(reply(200), attempt: 0) == .proceed)
        #expect(RateLimitPolicy.decide(reply(304), attempt: 0) == .proceed)
        #expect(RateLimitPolicy.decide(reply(200, ["x-ratelimit-reset": "1800000100"], types: ["RATE_LIMITED"]), attempt: 0)
            == .wait(seconds: 101, reason: "GraphQL rate limit reached"))
        #expect(RateLimitPolicy.decide(reply(403, ["retry-after": "30"]), attempt: 0) == .wait(seconds: 30, reason: "GitHub asked to retry later (retry-after)"))
        #expect(RateLimitPolicy.decide(reply(403, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000060"]), attempt: 0)
            == .wait(seconds: 61, reason: "rate limit exhausted"))
        #expect(RateLimitPolicy.decide(reply(403, body: "You have exceeded a secondary rate limit"), attempt: 1)
            == .wait(seconds: 120, reason: "secondary rate limit"))
        #expect(RateLimitPolicy.decide(reply(502), attempt: 0) == .shrink)
        #expect(RateLimitPolicy.decide(reply(504), attempt: 0) == .shrink)
        #expect(RateLimitPolicy.decide(reply(503), attempt: 2) == .wait(seconds: 4, reason: "GitHub answered HTTP 503"))
        if case .fail(.unauthorized, _) = RateLimitPolicy.decide(reply(401), attempt: 0) {} else { Issue.record("401 must fail") }
        if case .fail(.failed, let message) = RateLimitPolicy.decide(reply(404, body: "{\"message\":\"Not Found\"}"), attempt: 0) {
            #expect(message.contains("404"))
        } else { Issue.record("404 must fail") }
        #expect(RateLimitPolicy.exhausted(reply(200, ["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1800000009"])) == 10)
        #expect(RateLimitPolicy.exhausted(reply(200, ["x-ratelimit-remaining": "3"])) == nil)
    }

    @Test func endpoints() throws {
        #expect(GitHubEndpoint.github.graphQLURL == "https://api.github.com/graphql")
        let enterprise = try GitHubEndpoint("https://ghe.example.com/api/v3/")
        #expect(enterprise.restURL == "https://ghe.example.com/api/v3")
        #expect(enterprise.graphQLURL == "https://ghe.example.com/api/graphql")
        #expect(throws: GitHubError.self) { try GitHubEndpoint("file:///etc/passwd") }
        #expect(throws: GitHubError.self) { try GitHubEndpoint("https://user:pw@api.github.com") }
    }

    @Test func searchStringUsesExplicitUTCDatetimes() {
        let week = Period(week: try! ISOWeek("2026-W14"), zone: try! ReportTimeZone("Asia/Shanghai"))
        let text = PullRequestQueries.searchString(repository: "vllm-project/vllm", since: week.startInstant, until: week.endInstant)
        #expect(text == "repo:vllm-project/vllm is:pr is:merged merged:2026-03-29T16:00:00Z..2026-04-05T15:59:59Z")
    }

    @Test func pointCostFollowsGitHubsRule() {
        // 1 search + 25 × (labels, files, reviews, threads, comments, closing issues) + 25 × 40 thread comment lists.
        let cost = GraphQLCost.points(query: PullRequestQueries.search, variables: ["first": 25])
        #expect(cost == Int((Double(1 + 25 * 6 + 25 * PullRequestQueries.threadsPerPage) / 100).rounded()))
    }
}
