import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubGit
import PRHubGitHub
import PRHubLLM
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubServer
import PRHubStore
import PRHubTestSupport
import Testing

/// Git and GitHub together: one PR from both sources, and review discussion in the report.
@Suite struct GitHubReportTests {
    static let week = Period(week: try! ISOWeek("2026-W14"), zone: .utc)

    /// GitHub's view of the fixture's PRs: the same numbers and merge commits, plus labels and review.
    static func gitHubView(of prs: [PullRequest]) -> [FakeGitHub.PR] {
        prs.map { pr in
            var fake = FakeGitHub.PR(
                number: pr.number, title: pr.title, body: pr.body, author: pr.number == 50 ? "alice" : "bob",
                mergedAt: pr.mergedAt, mergeSHA: pr.mergeSHA)
            fake.files = pr.files.map { ($0.path, $0.additions, $0.deletions) }
            fake.labels = pr.number == 50 ? ["ready", "kv-cache"] : []
            if pr.number == 50 {
                fake.reviews = [
                    ("carol", false, "CHANGES_REQUESTED", "The layout switch needs a default."),
                    ("dave", false, "APPROVED", ""), ("coderabbitai", true, "COMMENTED", "Walkthrough …"),
                    ("carol", false, "APPROVED", "Fine now."),
                ]
                fake.threads = [
                    ("engine/cache/paged.py", false, [("dave", false, "Does this leak pages when a request is aborted mid-prefill?"),
                                                      ("alice", false, "Will look in a follow-up.")]),
                    ("engine/envs.py", true, [("carol", false, "Name it ENGINE_KV_LAYOUT like the others."), ("alice", false, "Done.")]),
                    ("engine/ops/copy.py", false, [("copilot-pull-request-reviewer", true, "Consider a bounds check.")]),
                ]
                fake.comments = [("carol", false, "Benchmarks look good."), ("github-actions[bot]", true, "CI ok")]
                fake.closingIssues = [12]
            }
            return fake
        }
    }

    @Test func gitHubDataEnrichesThePRsGitFound() async throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let before = try store.pullRequests(Fixtures.name, from: Self.week.startInstant, to: Self.week.endInstant)
        let changes = try store.changeCount(Fixtures.name)
        let state = FakeGitHub.State(pullRequests: Self.gitHubView(of: before))
        try await FakeGitHub.application(state: state).test(.live) { client in
            let github = GitHubClient(endpoint: try GitHubEndpoint("http://127.0.0.1:\(client.port!)"), token: "test-token")
            _ = try await GitHubSync(store: store, client: github, name: Fixtures.name).run(since: Self.week.startInstant, until: Self.week.endInstant)
        }
        #expect(try store.changeCount(Fixtures.name) == changes, "no PR stored twice")
        #expect(try store.gitHubPullRequestCount(Fixtures.name) == before.count)
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
        let generator = ReportGenerator(store: store, repository: git, profile: profile)
        let request = ReportRequest(repository: Fixtures.name, period: Self.week, language: .en, format: .md, baseURL: "https://r.example.org")
        let digest = try generator.digest(request)
        #expect(digest.prCount == before.count)
        let pr = try #require(digest.pr(50))
        #expect(pr.labels.contains("feature") && pr.labels.contains("kv-cache") && !pr.labels.contains("ready"))
        #expect(pr.login == "alice")
        // Git still supplies the diff: the env-var risk needs the added lines.
        #expect(pr.risks.contains(.envVar))
        let review = try #require(pr.review)
        #expect(review.reviewers == ["carol", "dave"])
        #expect(review.approvals == 2 && review.changesRequested == 0)
        #expect(review.botReviews == 1)
        #expect(review.threads == 2 && review.unresolvedThreads == 1)
        #expect(review.comments == 1)
        #expect(review.discussion.first?.text == "Does this leak pages when a request is aborted mid-prefill?")
        #expect(review.discussion.first?.reply == "Will look in a follow-up.")
        #expect(digest.reviewers?.first?.name == "carol" || digest.reviewers?.first?.name == "dave")
        #expect(digest.recommendations.contains { $0.kind == .settleOpenReview && $0.prs == [50] })

        let markdown = MarkdownRenderer(language: .en, baseURL: "https://r.example.org").render(digest)
        #expect(markdown.contains("Reviewed by @carol, @dave; 2 approvals, 2 threads, 1 unresolved, on `engine/cache/paged.py` and `engine/envs.py`."))
        #expect(markdown.contains("@dave (unresolved): “Does this leak pages when a request is aborted mid-prefill?”"))
        #expect(markdown.contains("The busiest reviewers were @"))
        #expect(!markdown.contains("Consider a bounds check"), "bot threads are not quoted")
        let html = HTMLRenderer(language: .en, baseURL: "https://r.example.org").render(digest)
        #expect(html.contains("@dave (unresolved): <q>Does this leak pages when a request is aborted mid-prefill?</q>"))
        // The LLM writer's brief prompt carries the threads' own words, and may name the reviewers.
        let brief = try #require(PromptBuilder(language: .en).prompts(digest, descriptions: [:]).first { $0.id == "brief-50" })
        #expect(brief.user.contains("@dave on engine/cache/paged.py (unresolved): Does this leak pages"))
        #expect(brief.user.contains("reply: Will look in a follow-up."))
        let verifier = SectionVerifier(digest: digest, descriptions: [:])
        #expect(verifier.check("- @dave asked whether pages leak on abort; @alice deferred it (#50).", section: "brief-50").isEmpty)
        #expect(!verifier.check("- @mallory approved it (#50).", section: "brief-50").isEmpty)
    }

    /// No clone at all: `--diffs` brings the manifest and registry hunks, so those risks still work.
    @Test func diffTextFromGitHubFeedsTheRisksWithoutAClone() async throws {
        let start = Self.week.startInstant
        var layout = FakeGitHub.PR(number: 50, title: "[Feature] Add a paged KV layout switch", author: "alice", mergedAt: start.addingTimeInterval(3_600))
        layout.files = [("engine/envs.py", 1, 0), ("engine/cache/paged.py", 180, 0)]
        layout.patches = ["engine/envs.py": "@@ -2,0 +3 @@ ENV = {\n+    \"ENGINE_KV_LAYOUT\": lambda: os.getenv(\"ENGINE_KV_LAYOUT\", \"flat\"),"]
        var bump = FakeGitHub.PR(number: 53, title: "[Build] Bump torch and add msgspec", author: "bob", mergedAt: start.addingTimeInterval(7_200))
        bump.files = [("requirements.txt", 2, 1)]
        bump.patches = ["requirements.txt": "@@ -1 +1,2 @@\n-torch==2.5.1\n+torch==2.6.0\n+msgspec>=0.18"]
        var docs = FakeGitHub.PR(number: 56, title: "[Doc] Describe the KV layouts", author: "alice", mergedAt: start.addingTimeInterval(9_000))
        docs.files = [("docs/kv.md", 30, 0)]
        for withDiffs in [false, true] {
            let store = try Store.inMemory()
            let state = FakeGitHub.State(pullRequests: [layout, bump, docs])
            let result = try await FakeGitHub.application(state: state).test(.live) { client in
                let github = GitHubClient(endpoint: try GitHubEndpoint("http://127.0.0.1:\(client.port!)"), token: "test-token")
                let profile = try ProfileResolver.resolve(file: nil, repository: nil, name: Fixtures.name, store: store)
                return try await GitHubSync(store: store, client: github, name: Fixtures.name,
                    diffs: withDiffs ? GitHubSync.diffFilter(profile: profile) : nil).run(since: start, until: Self.week.endInstant)
            }
            #expect(result.diffRequests == (withDiffs ? 2 : 0), "only the two PRs touching a manifest or registry")
            let profile = try ProfileResolver.resolve(file: nil, repository: nil, name: Fixtures.name, store: store)
            let digest = try ReportGenerator(store: store, repository: nil, profile: profile).digest(
                ReportRequest(repository: Fixtures.name, period: Self.week, language: .en, format: .json, baseURL: "https://r.example.org"))
            let env = digest.pr(50)?.evidence.first { $0.kind == .envVar }?.notation
            let dependency = digest.pr(53)?.evidence.first { $0.kind == .dependency }?.notation
            if withDiffs {
                #expect(env?.contains("ENGINE_KV_LAYOUT") == true, "\(String(describing: env))")
                #expect(dependency?.contains("+msgspec") == true, "\(String(describing: dependency))")
            } else {
                #expect(env == nil && dependency == nil)
            }
        }
    }

    @Test func withoutGitHubDataTheDigestHasNoReviewKeys() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
        let request = ReportRequest(repository: Fixtures.name, period: Self.week, language: .en, format: .json, baseURL: "https://r.example.org")
        let json = try ReportGenerator(store: store, repository: git, profile: profile).render(request)
        #expect(!json.contains("\"review\"") && !json.contains("\"reviewers\""))
    }

    /// The real binary: `prhub sync` against the fake GitHub, then `prhub report OWNER/NAME` with no clone.
    @Test func syncThenReportWithoutAClone() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/store.sqlite"
        let base = GitHubSyncTests.week(count: 40)
        let state = FakeGitHub.State(pullRequests: base, token: "secret-token-123")
        try await FakeGitHub.application(state: state).test(.live) { client in
            let api = "http://127.0.0.1:\(client.port!)"
            let environment = ["GITHUB_TOKEN": "secret-token-123", "PATH": "/usr/bin:/bin"]
            let sync = try Self.prhub(["sync", "acme/engine", "--week", "2026-W14", "--api-url", api, "--db", db], environment: environment)
            #expect(sync.status == 0, "\(sync.stderr)")
            #expect(sync.stderr.contains("acme/engine: 40 pull requests synced"))
            #expect(!sync.stderr.contains("secret-token-123"))
            let again = try Self.prhub(["sync", "acme/engine", "--week", "2026-W14", "--api-url", api, "--db", db], environment: environment)
            #expect(again.stderr.contains("up to date"), "\(again.stderr)")
            #expect(again.stderr.contains("; 1 requests"))
            let report = try Self.prhub(["report", "acme/engine", "--week", "2026-W14", "--lang", "en", "--db", db], environment: environment)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("`acme/engine` merged 40 pull requests"))
            #expect(report.stdout.contains("Reviewed by @rev"))
            let missing = try Self.prhub(["sync", "acme/engine", "--week", "2026-W14", "--api-url", api, "--db", db], environment: ["PATH": "/nonexistent"])
            #expect(missing.status == 1)
            #expect(missing.stderr == "error: no GitHub token: set GITHUB_TOKEN or log in with 'gh auth login'\n")
            let wrong = try Self.prhub(["sync", "acme/engine", "--week", "2026-W14", "--api-url", api, "--db", db],
                environment: ["GITHUB_TOKEN": "not-it", "PATH": "/usr/bin:/bin"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.hasPrefix("error: GitHub rejected the token (HTTP 401)"))
            let bad = try Self.prhub(["sync", "acme/engine", "--week", "2026-W14", "--api-url", "ftp://x", "--db", db], environment: environment)
            #expect(bad.status == 1 && bad.stderr.hasPrefix("error: --api-url must be an http(s) URL"))
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(bytes.range(of: Data("secret-token-123".utf8)) == nil)
    }

    static func prhub(_ arguments: [String], environment: [String: String]) throws -> CLITests.Run {
        try CLITests.run(arguments, environment: environment)
    }
}

/// `POST /api/repositories/OWNER/NAME/sync` on the website, against the fake GitHub.
@Suite struct WebSyncTests {
    @Test func theSyncRouteFetchesFromGitHubAndTheReportShowsIt() async throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let prs = try store.pullRequests(Fixtures.name, from: GitHubReportTests.week.startInstant, to: GitHubReportTests.week.endInstant)
        let state = FakeGitHub.State(pullRequests: GitHubReportTests.gitHubView(of: prs))
        try await FakeGitHub.application(state: state).test(.live) { github in
            let library = ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org")
            let options = ServerOptions(defaultLanguage: .en, adminToken: "admin", githubToken: "test-token",
                githubAPI: "http://127.0.0.1:\(github.port!)")
            let app = Application(router: WebApp.buildRouter(library: library, options: options))
            try await app.test(.router) { client in
                let page = "/acme/engine/reports/2026-03-30-to-2026-04-05.md"
                let before = try await client.execute(uri: page, method: .get) { String(buffer: $0.body) }
                #expect(!before.contains("**Review**"))
                let uri = "/api/repositories/acme/engine/sync?week=2026-W14"
                try await client.execute(uri: uri, method: .post) { #expect($0.status == .unauthorized) }
                try await client.execute(uri: "/api/repositories/acme/engine/sync?week=2026-W99", method: .post,
                    headers: [.authorization: "Bearer admin"]) { #expect($0.status == .badRequest) }
                try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer admin"]) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("\"pullRequests\":7"))
                }
                let after = try await client.execute(uri: page, method: .get) { String(buffer: $0.body) }
                #expect(after.contains("Reviewed by @carol, @dave"), "the cached report was dropped after the sync")
            }
        }
    }
}
