import Foundation
import PRHubAnalysis
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

@Suite struct ProfileTests {
    @Test(arguments: [
        ("tests", "a/tests/b.py", true), ("tests", "tests", true), ("tests", "a/testsuite/b.py", false),
        ("*.md", "docs/x/readme.md", true), ("vllm/v1/engine/", "vllm/v1/engine/core.py", true),
        ("vllm/v1/engine/", "vllm/v1/engine_x.py", false), ("requirements/*.txt", "requirements/cuda.txt", true),
        ("requirements/*.txt", "requirements/sub/cuda.txt", false), ("src/**/envs.py", "src/a/b/envs.py", true),
        ("src/**/envs.py", "src/envs.py", true), ("docker/Dockerfile*", "docker/Dockerfile.rocm", true),
        ("engine/*", "engine/envs.py", true), ("engine/*", "engine/core/x.py", false), ("*310p*", "vllm_ascend/_310p/x.py", true),
    ])
    func pathPatternsMatchLikeGitignore(pattern: String, path: String, expected: Bool) {
        #expect(PathPattern(pattern).matches(path) == expected)
    }

    @Test func aProfileRoundTripsThroughYAML() throws {
        let preset = try #require(ProfilePresets.preset(for: "vllm-project/vllm-ascend")).filled()
        let yaml = try ProfileYAML.encode(preset)
        let decoded = try ProfileYAML.decode(yaml, source: "x.yml")
        #expect(decoded.corePaths == preset.corePaths)
        #expect(decoded.modules == preset.modules)
        #expect(decoded.platforms == preset.platforms)
        #expect(decoded.bots == preset.bots)
        // Strings that read as other things when written plain stay strings; 40,000 entries take a moment.
        var tricky = preset
        tricky.corePaths = (["true", "1.5", "no", "0x1F", "null", "- a", "#x", "a: b", "plain/path.py"] + (0..<40_000).map { "src/m\($0)/core.py" }).map(PathPattern.init)
        let back = try ProfileYAML.decode(try ProfileYAML.encode(tricky), source: "x.yml")
        #expect(back.corePaths == tricky.corePaths)
        #expect(try ProfileYAML.encode(preset).contains("\n- ") || ProfileYAML.encode(preset).contains("\n  - "), "block style")
        let withModel = try ProfileYAML.decode("llm:\n  url: http://127.0.0.1:8000/v1\n  model: qwen\n", source: "x.yml")
        #expect(withModel.llm == .init(url: "http://127.0.0.1:8000/v1", model: "qwen"))
    }

    @Test(arguments: [
        ("corePaths: [a/\nmodules: x", "x.yml: line"),
        ("corePaths: a/", "x.yml line 1: corePaths should be a list"),
        ("bots: [a]\ncorepaths: [b/]", "x.yml line 2: unknown key 'corepaths'"),
        ("modules:\n  - name: x\n    paths: [a/]\n  - paths: [b/]", "x.yml line 4: modules.[1] is missing 'name'"),
        ("- a\n- b", "x.yml line 1: a profile is a mapping"),
        ("envVarPatterns: ['([']", "is not a regular expression"),
    ])
    func malformedProfilesNameTheLine(yaml: String, message: String) {
        #expect {
            try ProfileYAML.decode(yaml, source: "x.yml")
        } throws: { error in
            (error as? PRHubError)?.message.contains(message) == true
        }
    }

    @Test func theCloneProfileWinsOverPresetAndInference() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.commit("profile", files: [".prhub.yml": .text("corePaths: [engine/hot/]\nbots: [ci-robot]\n")], date: "2026-03-01T00:00:00Z")
        let store = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        let name = try RepositoryName("vllm-project/vllm")
        let fromClone = try ProfileResolver.resolve(file: nil, repository: git, name: name, store: store)
        #expect(fromClone.corePaths == [PathPattern("engine/hot/")])
        #expect(fromClone.testPaths == ProfileDefaults.testPaths)
        let preset = try ProfileResolver.resolve(file: nil, repository: nil, name: name, store: store)
        #expect(preset.origin == "preset")
        #expect(preset.envRegistries == [PathPattern("vllm/envs.py")])
    }

    @Test func inferenceMakesTheMainPackagesCoreWithoutPrototypes() {
        let counts: [String: Int] = [
            "app/engine/a.py": 50, "app/engine/b.py": 30, "app/api/x.py": 40, "app/util.py": 20, "tools/gen.py": 30,
            "src/widget/core.py": 60, "app/prototype/new.py": 400, "tests/test_a.py": 500, "docs/a.md": 300, "setup.py": 90,
            "app/models/llama.py": 120,
        ]
        let profile = ProfileInference.infer(pathCounts: counts)
        #expect(profile.corePaths == [PathPattern("app/"), PathPattern("src/widget/")])
        #expect(profile.origin == "inferred")
        let paths = PathClassifier(profile: profile)
        #expect(paths.isCore("app/engine/a.py"))
        #expect(!paths.isCore("app/prototype/new.py"), "prototype trees are never core")
        #expect(!paths.isCore("tools/gen.py"))
        #expect(!paths.isCore("app/models/llama.py"), "a per-model file serves one model family's users")
        // A profile that names a model tree as core is followed; one that names the package (as an inferred
        // profile saved to `.prhub.yml` does) is not read as naming its model tree.
        #expect(PathClassifier(profile: RepositoryProfile(corePaths: [PathPattern("app/models/")])).isCore("app/models/llama.py"))
        #expect(!PathClassifier(profile: RepositoryProfile(origin: "file", corePaths: [PathPattern("app/")])).isCore("app/models/llama.py"))
        // Without a profile, judged by folder names: a model under an executor folder is still a model.
        #expect(!PathClassifier(profile: RepositoryProfile()).isCore("vllm/model_executor/models/llama.py"))
        #expect(PathClassifier(profile: RepositoryProfile()).isCore("vllm/model_executor/layers/linear.py"))
        // `prhub profile` says why.
        let reasons = ProfileInference.explained(pathCounts: counts).reasons
        #expect(reasons.contains { $0.hasPrefix("core app/: a main package, 70% of the code changes") })
        #expect(reasons.contains("not core: prototype and experimental trees (400 changes)"))
        #expect(reasons.contains("not core: scripts, tools, examples and benchmarks (30 changes)"))
        #expect(reasons.contains("not core: per-model trees (120 changes)"))
    }

    @Test func theMainlinePlatformIsNoPlatformRisk() {
        // Named by the repository, or in the paths of a third of the code changes.
        let named = ProfileInference.infer(pathCounts: ["pkg/a.py": 10], repository: "acme/tpu-serve")
        #expect(named.homePlatforms == ["TPU"])
        let byPaths = ProfileInference.infer(pathCounts: ["engine/rocm/a.py": 40, "engine/b.py": 60], repository: "acme/engine")
        #expect(byPaths.homePlatforms == ["ROCm"])
        let neither = ProfileInference.infer(pathCounts: ["engine/rocm/a.py": 10, "engine/b.py": 90], repository: "acme/engine")
        #expect(neither.homePlatforms.isEmpty)
    }

    @Test func botsStayOutOfTheAuthorRanking() throws {
        let profile = RepositoryProfile(bots: ["ci-robot"])
        let analyzer = WeekAnalyzer(repository: "acme/x", profile: profile)
        let date = ISO8601DateFormatter().date(from: "2026-03-31T00:00:00Z")!
        func pr(_ n: Int, _ name: String, _ login: String?) -> PullRequest {
            PullRequest(number: n, title: "t", body: "", authorName: name, authorEmail: "\(name)@x", login: login, mergedAt: date, mergeSHA: "s", files: [])
        }
        let analysis = analyzer.analyze(
            period: Period(week: try ISOWeek("2026-W14"), zone: .utc),
            pullRequests: [pr(1, "dependabot[bot]", "dependabot[bot]"), pr(2, "ci-robot", nil), pr(3, "Ann", "ann")],
            directCommitCount: 0)
        #expect(analysis.authors.map(\.name) == ["ann"])
        #expect(analysis.prs.filter(\.isBot).count == 2)
    }

    @Test func authorsSharingANameKeepAStableOrder() throws {
        let analyzer = WeekAnalyzer(repository: "acme/x", profile: RepositoryProfile())
        let date = ISO8601DateFormatter().date(from: "2026-03-31T00:00:00Z")!
        func pr(_ n: Int, _ email: String, _ label: String) -> PullRequest {
            PullRequest(number: n, title: "[\(label)] t", body: "", authorName: "Kim", authorEmail: email, login: nil, mergedAt: date, mergeSHA: "s", files: [])
        }
        // Same name and count, two addresses: the address decides, whatever the input order.
        for prs in [[pr(1, "b@x", "Doc"), pr(2, "a@x", "Perf")], [pr(2, "a@x", "Perf"), pr(1, "b@x", "Doc")]] {
            let analysis = analyzer.analyze(period: Period(week: try ISOWeek("2026-W14"), zone: .utc), pullRequests: prs, directCommitCount: 0)
            #expect(analysis.authors.map(\.focus) == [["performance"], ["doc"]])
        }
    }
}
