import Foundation
import PRHubAnalysis
import PRHubGit
import PRHubModel
import Testing

@Suite struct ClassificationTests {
    func commit(_ message: String, parents: Int = 1, email: String = "a@example.com") -> Commit {
        Commit(sha: "abc", parentCount: parents, authorName: "A", authorEmail: email, committedAt: Date(), message: message, files: [])
    }

    @Test func squashMergesArePullRequests() throws {
        let pr = try #require(ChangeClassifier.pullRequest(from: commit("[BugFix] Fix (x) crash (#123)\n\nBody text")))
        #expect(pr.number == 123)
        #expect(pr.title == "[BugFix] Fix (x) crash")
        #expect(pr.body == "Body text")
    }

    @Test func mergeCommitsTakeTheirTitleFromTheBody() throws {
        let pr = try #require(ChangeClassifier.pullRequest(
            from: commit("Merge pull request #77 from octo-cat/feature/x\n\nAdd the thing\n\nMore words", parents: 2)))
        #expect(pr.number == 77)
        #expect(pr.title == "Add the thing")
        #expect(pr.body == "More words")
        #expect(pr.login == "octo-cat")
    }

    @Test func exportedDiffsArePullRequestsOfTheirRepository() throws {
        let message = "Buckify the arm shared embedding kernels\n\nDifferential Revision: D96072438\n\nPull Request resolved: https://github.com/pytorch/ao/pull/4047\n"
        let pr = try #require(ChangeClassifier.pullRequest(from: commit(message), repository: "ao"))
        #expect(pr.number == 4047)
        #expect(pr.title == "Buckify the arm shared embedding kernels")
        #expect(ChangeClassifier.isPullRequest(commit(message), repository: "ao"))
        // A renamed owner is the same repository; another repository's PR is not this one's.
        #expect(ChangeClassifier.pullRequest(from: commit("Add docs\n\nPull Request resolved: https://github.com/pytorch-labs/ao/pull/7"), repository: "ao")?.number == 7)
        #expect(ChangeClassifier.pullRequest(from: commit(message), repository: "pytorch") == nil)
        #expect(!ChangeClassifier.isPullRequest(commit(message), repository: "pytorch"))
        // The line must be the trailer itself, with a PR address and nothing after the number.
        for body in ["See Pull Request resolved: https://github.com/pytorch/ao/pull/4047", "Pull Request resolved: https://github.com/pytorch/ao/issues/4047",
                     "Pull Request resolved: https://github.com/pytorch/ao/pull/4047/files"] {
            #expect(ChangeClassifier.pullRequest(from: commit("Title\n\n" + body), repository: "ao") == nil, "\(body)")
        }
    }

    @Test(arguments: ["Update README", "Merge branch 'main' into dev", "Fix #12 in parser", "Title (#abc)", "(#12)x"])
    func otherCommitsAreDirect(message: String) {
        #expect(ChangeClassifier.pullRequest(from: commit(message, parents: message.hasPrefix("Merge") ? 2 : 1)) == nil)
        #expect(!ChangeClassifier.isPullRequest(commit(message, parents: message.hasPrefix("Merge") ? 2 : 1)))
    }

    @Test func bodiesLoseWhitespaceAtBothEndsOnly() throws {
        // Unicode spaces and blank lines at the ends go (as Foundation's whitespace and newlines would);
        // inside, the text stays as written.
        let message = "Fix it (#9)\n\n\u{3000} \n  First line\u{00A0}\n\n  - item\t\n\u{2028}\n"
        let squash = try #require(ChangeClassifier.pullRequest(from: commit(message)))
        #expect(squash.body == "First line\u{00A0}\n\n  - item")
        #expect(ChangeClassifier.isPullRequest(commit(message)))
        let bare = try #require(ChangeClassifier.pullRequest(from: commit("Title only (#10)")))
        #expect(bare.title == "Title only" && bare.body.isEmpty)
        let merge = try #require(ChangeClassifier.pullRequest(from: commit("Merge pull request #11 from a/b", parents: 2)))
        #expect(merge.title == "Merge pull request #11 from a/b" && merge.body.isEmpty)
    }

    @Test(arguments: [
        ("12345+octocat@users.noreply.github.com", "octocat"),
        ("octocat@users.noreply.github.com", "octocat"),
        ("41898282+github-actions[bot]@users.noreply.github.com", "github-actions[bot]"),
        ("someone@example.com", nil),
    ] as [(String, String?)])
    func loginsComeFromNoreplyAddresses(email: String, login: String?) {
        #expect(ChangeClassifier.login(fromEmail: email) == login)
    }

    @Test(arguments: [
        ("[Bugfix] x", ["bugfix"]), ("[BugFix][Model] x", ["bugfix", "model"]), ("[bugfix] x", ["bugfix"]),
        ("[CI/Build] x", ["ci"]), ("[Build] x", ["build"]), ("build(deps): x", ["build"]), ("[Doc] x", ["doc"]), ("[Docs] x", ["doc"]), ("[Feat] x", ["feature"]),
        ("[Perf] x", ["performance"]), ("[1/N][Refactor] x", ["refactor"]), ("[main] [Misc] x", ["misc"]),
        ("fix(sched): x", ["bugfix"]), ("Revert \"[Perf] y (#1)\"", ["revert"]), ("Plain title", []),
        ("[P/D] x", ["pd"]), ("[310P] x", ["310p"]), ("[KV Pool] x", ["kv-pool"]), ("[Feat.][310P] x", ["feature", "310p"]),
    ])
    func titleTagsBecomeNormalisedLabels(title: String, labels: [String]) {
        #expect(LabelNormalizer.labels(title: title) == labels)
    }

    @Test(arguments: [
        ("vllm/v1/worker/gpu_model_runner.py", "vllm/v1/worker"),
        ("vllm_ascend/ops/fused_moe/fused_moe.py", "vllm_ascend/ops"),
        ("python/sglang/srt/managers/mm_utils.py", "python/sglang/srt/managers"),
        ("setup.py", "(root)"),
        ("docs/index.md", "docs"),
    ])
    func modulesAreTheFirstTwoMeaningfulFolders(path: String, module: String) {
        #expect(ModuleMapper.module(of: path) == module)
    }

    @Test(arguments: [
        ("tests/ut/test_x.py", PathKind.test), ("vllm/foo_test.py", .test), ("docs/a.md", .doc), ("README.md", .doc),
        (".github/workflows/ci.yaml", .ci), ("vllm/x.py", .code), ("csrc/k.cu", .code), ("requirements.txt", .config),
        ("Dockerfile", .config), ("assets/logo.png", .other),
        // Case, nesting and the exceptions of each rule.
        ("Docs/Guide.MD", .doc), ("pkg/Tests/Helper.PY", .test), ("a//b/Conftest.py", .test), ("CI/run.sh", .ci),
        ("src/ci/run.sh", .code), ("requirements/docs.md", .other), ("CMakeLists.txt", .config), ("docs/CMakeLists.txt", .doc),
        ("über/straße.py", .code), ("Makefile", .config), ("x/Dockerfile.310p", .config), ("", .other),
        // The project's version file is what a release bumps, not documentation.
        ("version.txt", .config), ("pkg/VERSION", .config), ("docs/version.txt", .doc),
    ])
    func pathsAreClassified(path: String, kind: PathKind) {
        #expect(PathKind(path: path) == kind)
    }
}

@Suite struct MainlinePlatformTopicTests {
    /// The platform a repository is built for is every change's platform: no theme of its own there, while a
    /// repository for another platform still gathers that platform's work under it.
    @Test func theMainlinePlatformIsNoTopicOfItsOwn() {
        let files = [FileChange(path: "tpu_inference/layers/jax/moe.py", additions: 40, deletions: 4)]
        func scores(home: [String]) -> TopicClassifier.Scores {
            TopicClassifier.scores(
                title: "[Jax][MoE] accept external router logits", labels: ["jax", "moe"], files: files,
                paths: PathClassifier(profile: RepositoryProfile(homePlatforms: home)))
        }
        #expect(scores(home: ["TPU"]).topics[.hardware("TPU")] == nil)
        #expect(scores(home: []).topics[.hardware("TPU")] != nil)
        #expect(scores(home: ["TPU"]).topics[.subsystem(.moe)] != nil)
        // The topic and the platform may be named differently: they share a word.
        let xpu = TopicClassifier.scores(
            title: "[XPU] faster int4 matmul", labels: ["xpu"], files: files,
            paths: PathClassifier(profile: RepositoryProfile(homePlatforms: ["XPU"])))
        #expect(xpu.topics[.hardware("Intel XPU/HPU")] == nil)
    }
}

@Suite struct ChangeKindTests {
    let paths = PathClassifier(profile: RepositoryProfile())
    let code = [FileChange(path: "engine/kernels/gather.py", additions: 120, deletions: 130)]

    func kind(_ title: String) -> ChangeKind {
        ThemeClassifier.kind(title: title, labels: LabelNormalizer.labels(title: title), files: code, paths: paths)
    }

    /// An area tag says where a change is; an opening rework verb says what it does, unless a tag or the
    /// title says it speeds something up or fixes it.
    @Test func aReworkOfAnAreaIsARefactorOfIt() {
        #expect(kind("[Kernel] Clean up the batched gather kernel") == .refactor)
        #expect(kind("[Kernel][Batched RPA] Code cleanup") == .refactor)
        #expect(kind("[Kernel] Cleanup kernels run faster after warm-up") == .performance)
        #expect(kind("[Kernel] Faster batched gather") == .performance)
        #expect(kind("[Kernel] Refactor the gather kernel to cut launch overhead") == .performance)
        #expect(kind("[Kernel][Bugfix] Clean up the stale gather cache") != .refactor)
        // What the change does, read from the title, when no tag says it.
        #expect(kind("Remove CPU overhead by caching metadata") == .performance)
    }

    /// A PR's modules start with its product code, the biggest first: a sentence naming two names where the
    /// change is, not the tests beside it.
    @Test func aPullRequestsModulesStartWithItsProductCode() {
        let files = [
            FileChange(path: "tests/runner/test_dp.py", additions: 200, deletions: 0),
            FileChange(path: "engine/core/scheduler.py", additions: 30, deletions: 5),
            FileChange(path: "engine/runner/runner.py", additions: 90, deletions: 40),
        ]
        let pr = PullRequest(number: 1, title: "t", body: "", authorName: "a", authorEmail: "a@x", login: nil,
            mergedAt: Date(timeIntervalSince1970: 0), mergeSHA: "s", files: files)
        let analysis = WeekAnalyzer(repository: "acme/engine", profile: RepositoryProfile()).analyze(
            period: try! Period(since: LocalDate(iso: "1970-01-01")!, until: LocalDate(iso: "1970-01-01")!, zone: .utc),
            pullRequests: [pr], directCommitCount: 0)
        #expect(analysis.prs[0].modules.first == "engine/runner")
        #expect(analysis.prs[0].modules.last == "tests/runner")
    }
}
