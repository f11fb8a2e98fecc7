import Foundation
@testable import PRHubAnalysis
import PRHubModel
import Testing

/// Importance from impact: failures and releases are worth a read whatever their size, sweeps stay low.
@Suite struct ImpactRulesTests {
    let paths = PathClassifier(profile: RepositoryProfile())

    func points(_ title: String, files: [FileChange], labels: [String] = [], bot: Bool = false) -> Int {
        let pr = PullRequest(number: 1, title: title, body: "", authorName: "a", authorEmail: "a@x", login: "a",
            mergedAt: Date(timeIntervalSince1970: 0), mergeSHA: "s", files: files)
        return Scoring.importancePoints(
            pr, labels: labels, findings: [], paths: paths, impacts: ImpactRules.impacts(title: title, isBot: bot, upstream: "vllm"))
    }

    @Test func titlesSayWhatALeadMustKnow() {
        #expect(ImpactRules.impacts(title: "Fix NF4Tensor narrow() crash with recent PyTorch", isBot: false) == [.failure])
        #expect(ImpactRules.impacts(title: "[Bugfix] Fix silent data corruption in the io_uring read path", isBot: false).contains(.failure))
        #expect(ImpactRules.impacts(title: "Bump version from 0.17.0 to 0.18.0", isBot: false) == [.release])
        #expect(ImpactRules.impacts(title: "Delete deprecated Float8Layout", isBot: false) == [.breaking])
        #expect(ImpactRules.impacts(title: "[Lint] ruff format over the package", isBot: false) == [.mechanical])
        #expect(ImpactRules.impacts(title: "Bump ujson from 5.12.0 to 5.13.0", isBot: true) == [.mechanical])
        #expect(ImpactRules.impacts(title: "[npugraph_ex] enable npugraph_ex by default", isBot: false) == [.defaultChange])
        #expect(ImpactRules.impacts(title: "Add a paged KV layout switch", isBot: false).isEmpty)
        // Performance regressions are failures a lead must know of; a regression test is not one.
        #expect(ImpactRules.impacts(title: "Fix the decode throughput regression from the new sampler", isBot: false) == [.failure])
        #expect(ImpactRules.impacts(title: "[Perf] Fix 20% slowdown in prefill", isBot: false) == [.failure])
        #expect(ImpactRules.impacts(title: "Add a regression test for the sampler", isBot: false).isEmpty)
        #expect(ImpactRules.impacts(title: "Add accuracy test to deepseek nightly benchmarking", isBot: false).isEmpty)
        #expect(ImpactRules.impacts(title: "Upload accuracy results in Json format", isBot: false).isEmpty)
        // Taking something out of what is supported is a release matter; removing a helper is not.
        #expect(ImpactRules.impacts(title: "[Version] Drop 0.16.0 support", isBot: false) == [.release])
        #expect(ImpactRules.impacts(title: "Remove llama4 models from support matrices", isBot: false) == [.release])
        #expect(ImpactRules.impacts(title: "Remove the unused padding helper", isBot: false).isEmpty)
        // The notes of a named release are news of the release, not a reason to read the document.
        #expect(ImpactRules.impacts(title: "[ReleaseNote] Add release note for v0.17.0rc1", isBot: false) == [.releaseNotes])
        #expect(ImpactRules.impacts(title: "[Doc][Release] Add release note skill", isBot: false).isEmpty)
        let notes = [FileChange(path: "docs/source/user_guide/release_notes.md", additions: 80, deletions: 0)]
        #expect(points("Add release note for v0.17.0rc1", files: notes) == points("Add user guide for v0.17.0rc1", files: notes))
        // A change made so that nothing breaks is no breaking change.
        #expect(ImpactRules.impacts(title: "keep a lower gdown to avoid breaking changes in 6.0.0.", isBot: false).isEmpty)
        #expect(ImpactRules.impacts(title: "[Core] Breaking: drop the v0 engine", isBot: false) == [.breaking])
        #expect(ImpactRules.impacts(title: "[Bugfix] Fix DeepseekV3.1 accuracy issue", isBot: false) == [.failure])
        // A deprecation tells users to move off what they call; silencing its warnings deprecates nothing.
        #expect(ImpactRules.impacts(title: "[Quant] Deprecate AQT and related classes", isBot: false) == [.deprecation])
        #expect(ImpactRules.impacts(title: "Suppress deprecation warnings from #4074", isBot: false).isEmpty)
    }

    @Test func aMoveOntoANewerUpstreamIsNewsForEveryUser() {
        #expect(ImpactRules.upstream(of: "vllm-project/vllm-ascend") == "vllm")
        #expect(ImpactRules.upstream(of: "vllm-project/vllm") == nil)
        #expect(ImpactRules.upstream(of: "pytorch/ao") == nil)
        let sync = { (title: String) in ImpactRules.impacts(title: title, isBot: false, upstream: "vllm").contains(.upstreamSync) }
        #expect(sync("[Main2Main] Upgrade vLLM to 0303"))
        #expect(sync("[Misc] upgrade to vllm main"))
        #expect(sync("Main2main upgrade vllm commit to 03 19 17:00"))
        #expect(sync("Sync with upstream"))
        // The tag says so when the words do not.
        let tagged = "[main  to main] upgrade main 0210"
        #expect(ImpactRules.impacts(titleWords: TopicClassifier.titleWords(tagged), isBot: false, upstream: "vllm",
            labels: LabelNormalizer.labels(title: tagged)).contains(.upstreamSync))
        // Something else is the subject: it adapts to upstream, it is not the move.
        #expect(!sync("[Misc] Recompute scheduler upgrade to vLLM 0.18.0"))
        #expect(!sync("[CI] fix skipped e2e test when upgrade vllm version"))
        #expect(!sync("[CI] Update ray import based on upstream"))
        #expect(!sync("Update compress_tensors_moe import to align with vLLM"))
        #expect(sync("Catch up with upstream"))
        // A whole word: the repository's own name is not its upstream.
        #expect(!sync("Upgrade vllm-ascend docs"))
        let small = [FileChange(path: "engine/patch.py", additions: 8, deletions: 3)]
        #expect(points("Upgrade vLLM to 0303", files: small) > points("Tidy the patch helpers", files: small))
    }

    @Test func aLargeReworkIsSizedLikeASmallerChangeUnlessItClaimsAGain() {
        let large = [FileChange(path: "engine/parsing.py", additions: 260, deletions: 240)]
        #expect(points("Consolidate string parsing primitives", files: large) == points("Add a string parsing cache", files: large) - 1)
        #expect(points("[Refactor] parsing helpers", files: large, labels: ["refactor"]) == points("Add a string parsing cache", files: large) - 1)
        // The verb is read after the title's tags; a gain measured is more than moving code around.
        #expect(Scoring.reworksOnly("[Core] Simplify the scheduler loop", labels: ["core"], claimsResults: false))
        #expect(!Scoring.reworksOnly("[Core] Simplify the scheduler loop", labels: ["core"], claimsResults: true))
        #expect(!Scoring.reworksOnly("Fix the parser crash after the clean-up", labels: [], claimsResults: false))
    }

    @Test func aTagOfNewWorkCountsOnlyWhenProductCodeChanges() {
        let code = [FileChange(path: "engine/kv_layout.py", additions: 20, deletions: 2)]
        let testsOnly = [FileChange(path: "tests/test_kv_layout.py", additions: 20, deletions: 2)]
        // The tag earns its point on code; on a test it names the area tested, not new work in it.
        #expect(points("[Feature] Paged KV layout", files: code, labels: ["feature"]) == points("Paged KV layout", files: code) + 1)
        #expect(points("[Feature] Test the paged KV layout", files: testsOnly, labels: ["feature"]) == points("Test the paged KV layout", files: testsOnly))
    }

    @Test func aPinOfTheProjectsOwnToolingReachesNoUser() {
        func update(_ path: String) -> RiskFinding {
            RiskFinding(kind: .dependencyUpdate, packages: [.init(name: "gdown", change: .updated, path: path, from: nil, to: "<6.0.0")])
        }
        #expect(Scoring.reachesUsers(update("requirements/common.txt")))
        #expect(Scoring.reachesUsers(update("requirements-tpu.txt")))
        for path in ["requirements_benchmarking.txt", "requirements-dev.txt", "docs/requirements.txt", "requirements/test.txt", "uv.lock"] {
            #expect(!Scoring.reachesUsers(update(path)), "\(path)")
        }
        // An image is left alone: the lint image's pin is the upstream commit a plugin follows.
        #expect(Scoring.reachesUsers(update(".github/workflows/dockerfiles/Dockerfile.lint")))
    }

    @Test func aReleaseBumpsTheVersionFileAndAnEmptyMergeChangesNothing() {
        #expect(points("Bump version from 0.17.0 to 0.18.0", files: [FileChange(path: "version.txt", additions: 1, deletions: 1)]) == 3)
        #expect(points("Bump version from 0.17.0 to 0.18.0", files: []) == 1)
    }

    @Test func aFixTaggedWithItsAreaRepairsItAndIsNoNewWork() {
        let code = [FileChange(path: "engine/kv/connector.py", additions: 40, deletions: 10)]
        #expect(points("[P/D][Bugfix] Fix the layerwise connector", files: code, labels: ["pd", "bugfix"])
            < points("[P/D] Layerwise connector for hybrid models", files: code, labels: ["pd"]))
        #expect(points("[Perf][Bugfix] Faster and fixed connector", files: code, labels: ["performance", "pd", "bugfix"])
            == points("[P/D] Layerwise connector for hybrid models", files: code, labels: ["pd"]))
    }

    @Test func aFixSaidInWordsIsAFixLikeATaggedOne() {
        let small = [FileChange(path: "engine/executor.py", additions: 8, deletions: 3)]
        let core = [RiskFinding(kind: .corePath)]
        func points(_ title: String) -> Int {
            let pr = PullRequest(number: 1, title: title, body: "", authorName: "a", authorEmail: "a@x", login: "a",
                mergedAt: Date(timeIntervalSince1970: 0), mergeSHA: "s", files: small)
            return Scoring.importancePoints(pr, labels: LabelNormalizer.labels(title: title), findings: core, paths: paths)
        }
        // A repair of a core path is worth a read however the author wrote that it is one.
        for title in ["[Bugfix] Ray executor and async scheduling", "fix: Ray executor and async scheduling",
            "Fix Ray executor to support async scheduling", "bug fix: correct sharding annotation for MoE", "[Disagg] Fixed the executor",
            "Prevent folding of mutable input to copy_", "Resolve compilation errors of the executor"]
        {
            #expect(points(title) == 3, "\(title)")
        }
        #expect(points("Ray executor supports async scheduling") == 2)
        #expect(points("Add a prefix-cache fix-up pass") == 2)
        // …and is no new work of the area it is tagged with.
        #expect(!Scoring.isNewWork(["kernel"], repairs: Scoring.repairs("[Kernel] Fix the RPA kernel's mask", labels: ["kernel"])))
        #expect(Scoring.isNewWork(["kernel"], repairs: Scoring.repairs("[Kernel] Fused GDN kernel", labels: ["kernel"])))
    }

    @Test func somethingNewUsersTypeOrCallIsWorthARead() {
        let code = [FileChange(path: "engine/quant_api.py", additions: 9, deletions: 2)]
        for title in ["Add `--label` argument", "Add PerGroup granularity for Float8WeightOnly config",
            "[Feat] Expose the scheduler options", "Add cross attention support for low precision attention API"]
        {
            #expect(ImpactRules.impacts(title: title, isBot: false).contains(.newInterface), "\(title)")
            #expect(points(title, files: code) == 3, "\(title)")
        }
        // Not an addition to the docs, not a fix, not what users cannot call, not without product code.
        #expect(!ImpactRules.impacts(title: "Added prototype attention API to the docs", isBot: false).contains(.newInterface))
        #expect(!ImpactRules.impacts(title: "Add a fused rope kernel", isBot: false).contains(.newInterface))
        #expect(!ImpactRules.impacts(title: "Fix the --label argument", isBot: false).contains(.newInterface))
        #expect(points("[BugFix] Add support for rotary_dim parameter", files: code, labels: ["bugfix"]) == 1)
        #expect(points("Add `--label` argument", files: [FileChange(path: "tests/test_cli.py", additions: 9, deletions: 2)]) == 1)
    }

    @Test func sizeCountsOnceWhetherLargeOrBroad() {
        let broad = (0..<3).map { FileChange(path: "engine/m\($0)/a.py", additions: 40, deletions: 0) }
        let large = [FileChange(path: "engine/core.py", additions: 400, deletions: 0)]
        let both = (0..<3).map { FileChange(path: "engine/m\($0)/a.py", additions: 140, deletions: 0) }
        #expect(points("Add the scheduler", files: broad) == 3)
        #expect(points("Add the scheduler", files: large) == 3)
        #expect(points("Add the scheduler", files: both) == 3)
    }

    @Test func aBuildTagIsNoUpkeepTag() {
        // How the package is built reaches everyone who installs it; a CI tag says the change stays in CI.
        let code = [FileChange(path: "engine/platform.py", additions: 280, deletions: 40)]
        for (title, expected) in [("[Build] Add support for the new chip", 3), ("[CI] Add support for the new chip", 2)] {
            #expect(points(title, files: code, labels: LabelNormalizer.labels(title: title)) == expected)
        }
    }

    @Test func aSmallFixOfAFailureIsWorthAReadAndASweepStaysLow() {
        let small = [FileChange(path: "engine/utils.py", additions: 3, deletions: 1)]
        #expect(points("Fix crash when the cache is empty", files: small) >= 3)
        #expect(points("Tidy the cache helpers", files: small) < 3)
        let sweep = (0..<300).map { FileChange(path: "engine/m\($0).py", additions: 20, deletions: 20) }
        #expect(points("Apply ruff formatting to the package", files: sweep, labels: ["feature"]) <= 2)
        // A failure in the project's own scripts (a benchmark running out of memory) is upkeep, like CI.
        let script = [FileChange(path: "scripts/multihost/bench_deepseek.sh", additions: 3, deletions: 3)]
        #expect(points("Reduce gpu-memory-utilization to avoid OOM", files: script) <= 2)
        #expect(points("Reduce gpu-memory-utilization to avoid OOM", files: small) >= 3)
    }

    @Test func aRemovalWeighsWhatItBreaksNotHowMuchItDeletes() {
        let deletion = (0..<4).map { FileChange(path: "engine/m\($0)/layout.py", additions: 5, deletions: 400) }
        // One point, one for the 20 lines it adds (counted twice), one for breaking what users call.
        #expect(points("Delete deprecated Float8Layout and related code", files: deletion) == 3)
        #expect(points("Remove \"rate\" as an alias for profile parameters", files: deletion) == 3)
        #expect(points("Drop Prefetch MLP Env", files: deletion) == 3)
        // Internal code taken out breaks nobody: its 1,600 deleted lines do not make it weigh more.
        #expect(points("Remove the unused layout helpers", files: deletion) == 2)
        // A change that mostly adds is sized as usual, whatever its verb.
        #expect(points("Remove the cap on batch size", files: [FileChange(path: "engine/batch.py", additions: 400, deletions: 20)]) == 3)
        #expect(ImpactRules.impacts(title: "Remove LinearActivationQuantizedTensor", isBot: false).isEmpty)
        #expect(ImpactRules.impacts(title: "[Misc] Drop Prefetch MLP Env", isBot: false) == [.breaking])
    }

    @Test func aTitleThatSetsADefaultIsADefaultChange() {
        for title in ["[moe training] default pad_token_groups_for_grouped_mm=False", "Default the attention backend to flashinfer",
                      "Use the v2 runner as default", "Enable chunked prefill by default"] {
            #expect(ImpactRules.impacts(title: title, isBot: false).contains(.defaultChange), "\(title)")
        }
        for title in ["Fix the default config loader", "Add tests for the default scheduler"] {
            #expect(!ImpactRules.impacts(title: title, isBot: false).contains(.defaultChange), "\(title)")
        }
    }

    @Test func aDescriptionThatSaysWhatWentWrongNamesAFailure() {
        #expect(ImpactRules.describesFailure(prose: "For 3-D inputs, fusing the BN parameters silently produces incorrect results."))
        #expect(ImpactRules.describesFailure(prose: "The worker crashes when the cache is empty."))
        // Accuracy and precision are measured by features too; nothing failed.
        #expect(!ImpactRules.describesFailure(prose: "Accuracy is unchanged on GSM8K; precision stays bf16."))
        #expect(!ImpactRules.describesFailure(prose: "Adds a hanging-indent option to the formatter."))
    }
}
