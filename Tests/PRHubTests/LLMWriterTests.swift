import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubGit
import PRHubLLM
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// The LLM writer against a scripted OpenAI-compatible endpoint on 127.0.0.1.
@Suite(.serialized) struct LLMWriterTests {
    struct Run {
        var digest: Digest
        var markdown: String
        var warnings: [String]
        var requests: Int
    }

    final class Warnings: @unchecked Sendable {  // Safe: appended under `lock` only.
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ text: String) { lock.withLock { items.append(text) } }
        var all: [String] { lock.withLock { items } }
    }

    /// A good answer for any prompt: cites only real PRs, authors and files of the fixture week.
    static func good(_ user: String) -> String {
        if user.hasPrefix("Return JSON"), let number = user.firstMatch(of: /PR #(\d+):/)?.1 {
            return analysis(Int(number)!, zh: "#\(number) 调整了调度路径，值得细读。", en: "#\(number) reworks the scheduling path.")
        }
        if let number = user.firstMatch(of: /highlighted PR #(\d+)/)?.1 {
            return "- #\(number) is worth a close read: it changes the paths listed in its risks."
        }
        return "#50 by @alice reworked `engine/core/scheduler.py`, and #55 reverted #40; 7 PRs were merged."
    }

    /// A PR analysis as a model returns it: JSON, wrapped in a fence as small models like to.
    static func analysis(_ number: Int, zh: String, en: String) -> String {
        "```json\n{\"summary_zh\": \"\(zh)\", \"summary_en\": \"\(en)\", \"kind\": \"feature\", \"importance\": 4, "
            + "\"importance_reason\": \"it touches the core path\", \"risks\": [], \"design\": [], \"review\": \"\"}\n```"
    }

    func run(
        timeout: Int64 = 5, retries: Int = 1, store: Store? = nil, repo given: TestRepository? = nil, budget: Int? = nil,
        log givenLog: FakeChatEndpoint.Log? = nil, language: Language = .en, script: @escaping @Sendable (String, Int) -> FakeChatEndpoint.Behavior
    ) async throws -> Run {
        let repo = try given ?? Fixtures.riskyWeek()
        defer { if given == nil { repo.remove() } }
        let store = try store ?? Store.inMemory()
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
        let generator = ReportGenerator(store: store, repository: git, profile: profile)
        let request = ReportRequest(repository: Fixtures.name, period: Period(week: try ISOWeek("2026-W14"), zone: .utc),
            language: language, format: .md, baseURL: "https://r.example.org")
        let log = givenLog ?? FakeChatEndpoint.Log()
        let warnings = Warnings()
        let app = FakeChatEndpoint.application(log: log, script: script)
        return try await app.test(.live) { client in
            let model = OpenAICompatibleModel(
                baseURL: "http://127.0.0.1:\(client.port!)/v1", model: "test-model", apiKey: nil, idleTimeoutSeconds: Double(timeout),
                firstTokenTimeoutSeconds: Double(timeout), retries: retries)
            var options = LLMOptions(model: model)
            options.tokenBudget = budget
            let digest = try await generator.digest(request, llm: options) { warnings.add($0) }
            return Run(digest: digest, markdown: try generator.render(digest, request), warnings: warnings.all, requests: await log.count)
        }
    }

    @Test func goodAnswersAreUsedAndCached() async throws {
        let store = try Store.inMemory()
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        // A generous timeout: on a loaded machine a slow reply must not turn into a retry and skew the count.
        let first = try await run(timeout: 60, store: store, repo: repo) { user, _ in .reply(Self.good(user)) }
        let writer = try #require(first.digest.writer)
        #expect(writer.findings.isEmpty)
        #expect(writer.sections.count == 5 + first.digest.highlights.count)
        #expect(writer.calls == first.requests)
        #expect(first.markdown.contains("\\#50 by @alice reworked `engine/core/scheduler.py`") || first.markdown.contains("#50 by @alice reworked"))
        #expect(first.markdown.contains("Written by the model `test-model`"))
        let again = try await run(store: store, repo: repo) { _, _ in .status(500) }
        #expect(again.requests == 0)
        #expect(again.digest.writer?.sections.count == writer.sections.count)
    }

    @Test func eachHighlightIsReadOnceInBothLanguagesAndAFigureOfAnotherPRIsRejected() async throws {
        let store = try Store.inMemory()
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let result = try await run(store: store, repo: repo, language: .zh) { user, _ in
            // #51's reading borrows #50's "1.8x": rejected, asked again, rejected again.
            if user.hasPrefix("Return JSON"), user.contains("PR #51:") {
                return .reply(Self.analysis(51, zh: "#51 带来 1.8x 吞吐提升。", en: "#51 gives 1.8x higher throughput."))
            }
            // Briefs the verifier rejects, so the template writes them with the model's readings.
            if user.hasPrefix("为重点 PR #") { return .reply("#9999 改变了一切。") }
            return .reply(Self.good(user))
        }
        let writer = try #require(result.digest.writer)
        let highlights = result.digest.highlights
        #expect(Set(writer.analyses.map(\.number)) == Set(highlights).subtracting([51]))
        #expect(writer.outcomes.first { $0.id == "pr-51" }?.status == .rejected)
        #expect(writer.findings.filter { $0.section == "pr-51" }.allSatisfy { $0.kind == "number" && $0.detail.contains("another PR") })
        #expect(result.markdown.contains("模型解读：") && result.markdown.contains("调整了调度路径"))
        // The same PRs next time cost no call, whatever the language of the report.
        let english = try await run(store: store, repo: repo, language: .en) { _, _ in .status(500) }
        #expect(english.digest.writer?.analyses.count == writer.analyses.count)
    }

    @Test func aPRFromAnotherWeekIsAskedForAgainWithTheErrors() async throws {
        let result = try await run { user, attempt in
            user.hasPrefix("Executive summary") && attempt == 1 ? .reply("#9999 changed everything.") : .reply(Self.good(user))
        }
        let writer = try #require(result.digest.writer)
        #expect(writer.findings.map(\.kind) == ["pr-number"])
        #expect(writer.text("summary") != nil)
    }

    @Test(arguments: [
        ("Throughput rose 37% thanks to #50.", "number"),
        ("#50 by @mallory is the big one.", "author"),
        ("#50 rewrote `engine/imaginary/file.py`.", "file"),
    ])
    func inventedFactsFallBackToTheTemplate(answer: String, kind: String) async throws {
        let result = try await run { user, _ in user.hasPrefix("Executive summary") ? .reply(answer) : .reply(Self.good(user)) }
        let writer = try #require(result.digest.writer)
        #expect(writer.findings.map(\.kind) == [kind, kind])
        #expect(writer.text("summary") == nil)
        #expect(result.markdown.contains("`acme/engine` merged 7 pull requests"))
        #expect(!result.markdown.contains(answer))
    }

    @Test(arguments: [
        FakeChatEndpoint.Behavior.malformed, .status(500), .stall(seconds: 3, then: "late"),
    ])
    func aBrokenEndpointNeverBlocksTheReport(behavior: FakeChatEndpoint.Behavior) async throws {
        let started = Date()
        let result = try await run(timeout: 1, retries: 1) { _, _ in behavior }
        #expect(result.digest.writer?.sections.isEmpty == true)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.hasPrefix("warning: the language model could not write") == true)
        #expect(result.markdown.contains("`acme/engine` merged 7 pull requests"))
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func theVerifierRejectsWhatTheScriptInvents() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let digest = try ReportTests().generator(repo).digest(try ReportTests().request("2026-W14"))
        let verifier = SectionVerifier(digest: digest, descriptions: [50: "gives 1.8x higher throughput"])
        let cases: [(String, Bool)] = [
            (Self.good("Executive summary"), true),
            ("#50 claims 1.8x higher throughput.", true),
            ("#51 claims 2.4x higher throughput.", false),
            // A real figure, but of another PR.
            ("#51 claims 1.8x higher throughput.", false),
            ("#50 speeds things up. #51 claims 1.8x higher throughput.", false),
            ("The average importance was 4.0 across 5 highlights.", true),
            ("Latency fell 42%.", false),
            ("PR 12345 landed.", false),
            ("@carol-dev reviewed it.", false),
            ("See `engine/envs.py`.", true),
            ("See `engine/nowhere.py`.", false),
            ("#40 was reverted by #55 and fixed by #51.", true),
        ]
        var rejected = 0
        for (text, accepted) in cases {
            let findings = verifier.check(text, section: "test")
            #expect(findings.isEmpty == accepted, "\(text): \(findings)")
            if !findings.isEmpty { rejected += 1 }
        }
        print("verifier rejected \(rejected) of \(cases.count) scripted answers (\(cases.filter { !$0.1 }.count) invented)")
    }
}

/// Requests a real server can serve: bounded by `max_tokens`, streamed, dropped when they stall, and
/// reported section by section.
@Suite(.serialized) struct LLMStreamingTests {
    /// The summary streams for 8 s in pieces 0.5 s apart and is read to its end with its usage. The timeouts
    /// are generous here: this test process runs other suites at once, and a reader starved of threads must
    /// not pass for a stalled server (the dropping of a real stall is the next test's).
    @Test func aLongStreamIsReadToItsEndWithItsUsage() async throws {
        let result = try await LLMWriterTests().run(timeout: 60) { user, _ in
            user.hasPrefix("Executive summary")
                ? .stream(LLMWriterTests.good(user), pieces: 16, interval: 0.5) : .stream(LLMWriterTests.good(user), pieces: 1, interval: 0)
        }
        let writer = try #require(result.digest.writer)
        #expect(writer.count(.written) == writer.outcomes.count && !writer.outcomes.isEmpty, "\(writer.outcomes)")
        #expect(writer.completionTokens > 0 && writer.promptTokens == 40 * writer.calls)
        #expect(result.markdown.contains("the rest by the template writer."))
    }

    @Test func everyRequestIsBoundedAndStreamed() async throws {
        let log = FakeChatEndpoint.Log()
        _ = try await LLMWriterTests().run(log: log) { user, _ in .reply(LLMWriterTests.good(user)) }
        let limits = await log.limits
        #expect(!limits.isEmpty && limits.allSatisfy { ($0.maxTokens ?? 0) > 0 && ($0.maxTokens ?? 0) <= 600 && $0.stream })
    }

    @Test func aStalledStreamIsDroppedQuicklyClosedAndReportedAsATimeout() async throws {
        let log = FakeChatEndpoint.Log()
        let started = Date()
        let result = try await LLMWriterTests().run(timeout: 1, retries: 0, log: log) { _, _ in .streamThenStall(pieces: 2) }
        let writer = try #require(result.digest.writer)
        #expect(writer.count(.timedOut) == writer.outcomes.count, "\(writer.outcomes)")
        #expect(writer.findings.isEmpty, "a timeout is not a verification problem")
        #expect(result.markdown.contains("timed out waiting for the model"), "\(result.markdown.prefix(900))")
        #expect(Date().timeIntervalSince(started) < 30)
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await log.abandoned >= 1, "the server saw the stalled request closed")
    }

    @Test func aServerThatRefusesJSONSchemaIsAskedInItsOwnDialect() async throws {
        let log = FakeChatEndpoint.Log()
        let result = try await LLMWriterTests().run(log: log) { user, _ in .refuseSchemaFormat(then: LLMWriterTests.good(user)) }
        let writer = try #require(result.digest.writer)
        #expect(writer.analyses.count == result.digest.highlights.count)
        let formats = await log.formats
        #expect(formats.contains("json_schema") && formats.contains("json_object"), "\(formats)")
        #expect(formats.filter { $0 == nil }.count == 5 + result.digest.highlights.count, "sections and briefs ask for text")
    }

    @Test func aTokenBudgetLeavesTheRestToTheTemplateAndSaysSo() async throws {
        let result = try await LLMWriterTests().run(budget: 700) { user, _ in .reply(LLMWriterTests.good(user)) }
        let writer = try #require(result.digest.writer)
        #expect(writer.count(.overBudget) > 0 && writer.count(.written) > 0, "\(writer.outcomes)")
        #expect(result.markdown.contains("over the token budget"))
    }
}
