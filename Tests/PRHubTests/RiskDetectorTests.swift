import Foundation
@testable import PRHubAnalysis
import PRHubModel
import Testing

@Suite struct RiskDetectorTests {
    static let base = ISO8601DateFormatter().date(from: "2026-03-31T10:00:00Z")!
    let history = HistoryIndex([
        .init(number: 100, sha: "aaaaaaa1111111111111111111111111111111111", title: "[Perf] Faster sampler", mergedAt: base.addingTimeInterval(-86_400 * 10)),
        .init(number: 101, sha: "bbbbbbb2222222222222222222222222222222222", title: "Add CPU binding", mergedAt: base.addingTimeInterval(-86_400 * 3)),
        .init(number: 102, sha: "ccccccc3333333333333333333333333333333333", title: "[feat][spec decode]Unified draft parallel",
            mergedAt: base.addingTimeInterval(-86_400 * 2)),
        .init(number: 103, sha: "ddddddd4444444444444444444444444444444444", title: "Revert \"[feat][spec decode]Unified draft parallel (#102)\"",
            mergedAt: base.addingTimeInterval(-86_400)),
        .init(number: 90, sha: "eeeeeee5555555555555555555555555555555555", title: "[Feature] Paged attention for long prompts",
            mergedAt: base.addingTimeInterval(-86_400 * 70)),
    ])

    func pr(_ number: Int = 200, title: String, body: String = "", files: [FileChange]) -> PullRequest {
        PullRequest(number: number, title: title, body: body, authorName: "A", authorEmail: "a@example.com", login: "a",
            mergedAt: Self.base, mergeSHA: "c0ffee", files: files)
    }

    func detect(_ pr: PullRequest, lines: [String: LineChanges] = [:]) -> RiskDetector.Result {
        RiskDetector(repository: "acme/engine", history: history, paths: PathClassifier(profile: RepositoryProfile()))
            .detect(pr, labels: LabelNormalizer.labels(title: pr.title), lineChanges: lines)
    }

    func kinds(_ result: RiskDetector.Result) -> [RiskKind] { result.findings.map(\.kind) }

    @Test func coreCodeWithoutTestsIsFlaggedTwice() {
        let result = detect(pr(title: "Rework scheduler", files: [.init(path: "engine/core/scheduler.py", additions: 80, deletions: 20)]))
        #expect(kinds(result) == [.corePath, .missingTests])
        #expect(result.findings[0].notation == "engine/core/scheduler.py")
    }

    @Test func smallOrTestedChangesAreNotMissingTests() {
        #expect(kinds(detect(pr(title: "Tweak", files: [.init(path: "engine/util.py", additions: 5, deletions: 3)]))).isEmpty)
        let tested = pr(title: "Tested", files: [.init(path: "engine/util.py", additions: 90, deletions: 0), .init(path: "tests/test_util.py", additions: 30, deletions: 0)])
        #expect(kinds(detect(tested)).isEmpty)
    }

    @Test func netTestRemovalIsReducedTests() {
        let result = detect(pr(title: "Trim suite", files: [.init(path: "tests/test_a.py", additions: 0, deletions: 120), .init(path: "tests/test_b.py", additions: 5, deletions: 0)]))
        #expect(kinds(result) == [.testsReduced])
        #expect(result.findings[0].notation.hasPrefix("−115; tests/test_a.py"))
    }

    @Test func revertsResolveToTheRevertedPullRequest() {
        let byTitle = detect(pr(title: "Revert \"[Perf] Faster sampler (#100)\"", body: "Broke accuracy.", files: [.init(path: "engine/sample.py", additions: 10, deletions: 40)]))
        #expect(byTitle.reverts == 100)
        #expect(kinds(byTitle).contains(.revert))
        let bySha = detect(pr(title: "Undo the binding", body: "This reverts commit bbbbbbb2222222222222222222222222222222222.", files: []))
        #expect(bySha.reverts == 101)
        // A fork's merge writes the number with the owner in front.
        let owned = detect(pr(title: "Revert \"Faster sampler (acme#100)\"", body: "Broke accuracy.", files: []))
        #expect(owned.reverts == 100)
        let foreign = detect(pr(title: "Revert \"Faster sampler (other#100)\"", body: "Broke accuracy.", files: []))
        #expect(foreign.reverts == nil && kinds(foreign).contains(.revert))
        // A rollback that names the PR it undoes is a revert of it; one that names none is not read as one.
        let rollback = detect(pr(title: "rollback https://github.com/acme/engine/pull/100", body: "", files: []))
        #expect(rollback.reverts == 100 && kinds(rollback).contains(.revert))
        #expect(detect(pr(title: "Roll back #101 (#120)", body: "", files: [])).reverts == 101)
        let noTarget = detect(pr(title: "rollback causal_conv1d_fn to torch ops", body: "", files: []))
        #expect(noTarget.reverts == nil && !kinds(noTarget).contains(.revert))
    }

    @Test func fixesOfEarlierPullRequestsAreFollowUps() {
        let result = detect(pr(title: "[Bugfix] Fix macOS build", body: "The CPU binding from #101 broke macOS. See also https://github.com/other/project/pull/5.", files: [.init(path: "engine/cpu.py", additions: 3, deletions: 1)]))
        #expect(result.fixes == [101])
        #expect(kinds(result).contains(.followUpFix))
        #expect(result.upstreamReferences == ["other/project/pull/5"])
        // The evidence is the sentence as read: no heading above it, a link shown as its text.
        let linked = detect(pr(title: "[Bugfix] Fix binding on ARM", body: "### What this PR does?\nAfter [the binding PR](https://github.com/acme/engine/pull/101) ARM hosts fail.", files: []))
        #expect(linked.findings.first { $0.kind == .followUpFix }?.notation == "#101 (2026-W13) “Add CPU binding”: After the binding PR ARM hosts fail.")
    }

    @Test func namingAnotherPRWithoutRepairingItIsNoFollowUp() {
        let files = [FileChange(path: "engine/cpu.py", additions: 3, deletions: 1)]
        let distinct = detect(pr(title: "[Bugfix] Fix pinning on NUMA hosts", body: "This path is distinct from the one fixed in #101.", files: files))
        #expect(!kinds(distinct).contains(.followUpFix))
        let series = detect(pr(title: "Fix the sampler seed", body: "This is PR #100 of the suggested sequence.", files: files))
        #expect(!kinds(series).contains(.followUpFix))
        let caused = detect(pr(title: "Fix pinning on NUMA hosts", body: "Caused by #101.", files: files))
        #expect(caused.fixes == [101])
    }

    @Test func testsReducedNeedsEvidenceInTheChange() {
        // A skip named in the title, with no test or CI file changed, is no evidence.
        let titleOnly = detect(pr(title: "Skip the flaky sampler test", files: [.init(path: "engine/sampler.py", additions: 2, deletions: 1)]))
        #expect(!kinds(titleOnly).contains(.testsReduced))
        // With the test file (a skip marker added) or the CI job changed, it is.
        let marked = detect(pr(title: "Skip the flaky sampler test", files: [.init(path: "tests/test_sampler.py", additions: 1, deletions: 0)]))
        #expect(kinds(marked).contains(.testsReduced))
        let job = detect(pr(title: "[CI] Skip test_sampler.py in ut", files: [.init(path: ".github/workflows/ut.yaml", additions: 2, deletions: 1)]))
        #expect(kinds(job).contains(.testsReduced))
    }

    @Test func portsAndIssueNumbersAreNotFollowUps() {
        let port = detect(pr(title: "[Bugfix] Port fix", body: "Ports #101 to the release branch.", files: []))
        #expect(port.fixes.isEmpty)
        let issue = detect(pr(title: "[Bugfix] Fix crash", body: "Fixes #4242", files: []))
        #expect(issue.fixes.isEmpty)
        #expect(issue.issues == [4242])
        let closing = detect(pr(title: "[Bugfix] Fix crash", body: "CLOSED  #4243, resolves\n#4244; prefix #4245, fix:#4246, fixes #101", files: []))
        #expect(closing.issues == [4243, 4244])
        let picked = detect(pr(title: "[v1.2][Bugfix] Remove the scale wrap", body: "Cherrypick from the main branch PR #101.", files: []))
        #expect(picked.fixes.isEmpty)
        let notAFix = detect(pr(title: "[Feature] Extend binding", body: "Builds on #101.", files: []))
        #expect(notAFix.fixes.isEmpty)
    }

    @Test func newEnvironmentVariablesAreReadFromTheRegistryDiff() {
        let lines = ["engine/envs.py": LineChanges(
            added: ["    \"ENGINE_NEW_LAYOUT\": lambda: os.getenv(\"ENGINE_NEW_LAYOUT\", \"0\"),", "    ENGINE_OLD: int = 1"],
            removed: ["    ENGINE_OLD: int = 0"])]
        let result = detect(pr(title: "Layout switch", files: [.init(path: "engine/envs.py", additions: 2, deletions: 1)]), lines: lines)
        #expect(result.findings.first { $0.kind == .envVar }?.notation == "ENGINE_NEW_LAYOUT (engine/envs.py)")
    }

    @Test func dependencyChangesSeparateNewPackagesFromVersionBumps() {
        let lines = ["requirements/common.txt": LineChanges(added: ["torch==2.6.0", "msgspec>=0.18", "# comment"], removed: ["torch==2.5.1"]),
                     "Dockerfile": LineChanges(added: ["RUN apt-get install -y git vim numactl"], removed: ["RUN apt-get install -y git vim"])]
        let result = detect(pr(title: "Bump torch", files: []), lines: lines)
        // New packages are a dependency risk; a version bump is an update, shown with its old and new pins.
        #expect(result.findings.first { $0.kind == .dependency }?.notation == "+numactl (Dockerfile); +msgspec (requirements/common.txt)")
        #expect(result.findings.first { $0.kind == .dependencyUpdate }?.notation == "~torch (requirements/common.txt)")
        let bump = result.findings.first { $0.kind == .dependencyUpdate }?.packages?.first
        #expect(bump?.from != nil && bump?.to != nil && bump?.from != bump?.to)
    }

    @Test func aBotsLockFileBumpIsAnUpdateNamedFromItsTitle() {
        let lock = FileChange(path: "uv.lock", additions: 122, deletions: 105)
        for (title, name, from, to) in [
            ("Bump aiohttp from 3.13.4 to 3.14.0", "aiohttp", "3.13.4", "3.14.0"),
            ("chore(deps): bump pydantic-settings from 2.12.0 to 2.14.2 in /", "pydantic-settings", "2.12.0", "2.14.2"),
            ("Update dependency ruff to v0.9.1", "ruff", nil, "0.9.1"),
        ] as [(String, String, String?, String)] {
            let update = detect(pr(title: title, files: [lock])).findings.first { $0.kind == .dependencyUpdate }?.packages?.first
            #expect(update == RiskFinding.PackageChange(name: name, change: .updated, path: "uv.lock", from: from, to: to), "\(title)")
        }
        // No lock file, or a title that names no package: nothing is made up.
        #expect(kinds(detect(pr(title: "Bump aiohttp from 3.13.4 to 3.14.0", files: [.init(path: "docs/deps.md", additions: 1, deletions: 1)]))).isEmpty)
        #expect(!kinds(detect(pr(title: "Refresh the lock file", files: [lock]))).contains(.dependencyUpdate))
    }

    @Test func aRenameNeedsNoNewTestsButARenameThatFixesDoes() {
        let api = FileChange(path: "engine/core/api.py", additions: 27, deletions: 25)
        #expect(!kinds(detect(pr(title: "gptq: rename `W` to `W_t`", files: [api]))).contains(.missingTests))
        #expect(!kinds(detect(pr(title: "gptq: more obvious block var names", files: [api]))).contains(.missingTests))
        // Lines added on net are more than a rename; a rename that fixes something changes behaviour.
        #expect(kinds(detect(pr(title: "Rename the queue and add a limit", files: [.init(path: "engine/core/api.py", additions: 60, deletions: 20)]))).contains(.missingTests))
        #expect(kinds(detect(pr(title: "[Bugfix] rename enable_flash_comm_v1 back to enable_sp", files: [api]))).contains(.missingTests))
    }

    @Test func aMoveOfFilesChangesNoBehaviourButAnEditThatMovesCodeDoes() {
        let moved = [FileChange(path: "engine/core/bitpacking.py", additions: 0, deletions: 265),
                     FileChange(path: "engine/prototype/bitpacking.py", additions: 265, deletions: 0)]
        let move = detect(pr(title: "Move bitpacking.py to prototype", files: moved))
        #expect(kinds(move).isEmpty)
        #expect(move.changesNoBehaviour)
        // Moving code within a file is an edit; so is a move that fixes something.
        let edit = detect(pr(title: "Move the allocation out of the decode loop", files: [.init(path: "engine/core/decode.py", additions: 12, deletions: 12)]))
        #expect(kinds(edit) == [.corePath, .missingTests])
        #expect(!edit.changesNoBehaviour)
        #expect(kinds(detect(pr(title: "Fix import: move bitpacking.py to prototype", files: moved))).contains(.corePath))
        // Renaming what users type is a change they see (a core change), though it asks for no new tests.
        let cli = detect(pr(title: "Rename \"config\" CLI command to \"env\"", files: [.init(path: "engine/core/cli.py", additions: 40, deletions: 40)]))
        #expect(kinds(cli) == [.corePath])
        #expect(!cli.changesNoBehaviour)
    }

    @Test func aChangeThatMostlyDeletesIsWeighedByWhatItAdds() {
        // The old kernel taken out with one line left to point elsewhere: nothing new to test.
        #expect(!kinds(detect(pr(title: "delete old to_nvfp4 triton kernel", files: [.init(path: "engine/kernels.py", additions: 1, deletions: 226)]))).contains(.missingTests))
        // Twenty new lines beside sixty removed are new behaviour.
        #expect(kinds(detect(pr(title: "Rework the kernel dispatch", files: [.init(path: "engine/kernels.py", additions: 20, deletions: 60)]))).contains(.missingTests))
    }

    @Test func tutorialsAndNotebooksAreNotProductCode() {
        for path in ["tutorials/calibration_flow/gptq_like.py", "docs/notebooks/quickstart.py", "examples/serve.py"] {
            #expect(RiskDetector.isTooling(path), "\(path)")
            #expect(kinds(detect(pr(title: "Add a walkthrough", files: [.init(path: path, additions: 300, deletions: 0)]))).isEmpty, "\(path)")
        }
    }

    @Test func aPinFileThatMovesIsAnUpdateOfTheProjectItNames() {
        let old = "0091017188ab26d4e4d146e0ec748d6ee34968d8", new = "ab79863e6c4f4df652328af6901be2ee208dacec"
        for path in [".buildkite/vllm_lkg.version", ".github/vllm-main-verified.commit"] {
            let moved = detect(pr(title: "Fix the pinned commit", files: [.init(path: path, additions: 1, deletions: 1)]),
                lines: [path: LineChanges(added: [new], removed: [old])])
            #expect(moved.findings.first { $0.kind == .dependencyUpdate }?.packages
                == [RiskFinding.PackageChange(name: "vllm", change: .updated, path: path, from: old, to: new)], "\(path)")
        }
        // Lines that hold no version or commit are not shown as one; the move still is.
        let unreadable = detect(pr(title: "x", files: [.init(path: "ci/flash-attn.version", additions: 1, deletions: 1)]),
            lines: ["ci/flash-attn.version": LineChanges(added: ["see the wiki"], removed: ["# pinned"])])
        #expect(unreadable.findings.first { $0.kind == .dependencyUpdate }?.packages
            == [RiskFinding.PackageChange(name: "flash-attn", change: .updated, path: "ci/flash-attn.version")])
        // The project's own version files pin nothing of another project.
        for path in ["release.version", "VERSION", "version.txt", "engine.version"] {
            #expect(kinds(detect(pr(title: "Bump version", files: [.init(path: path, additions: 1, deletions: 1)]),
                lines: [path: LineChanges(added: ["0.18.0"], removed: ["0.17.0"])])).isEmpty, "\(path)")
        }
    }

    @Test func aQuotedNameWithExtrasIsAPackageEvenUnpinned() {
        let lines = ["pyproject.toml": LineChanges(added: ["    \"imageio[ffmpeg]\",", "select = [\"E\", \"F\"]", "    \"pillow\","], removed: [])]
        let result = detect(pr(title: "Synthetic video data", files: [.init(path: "pyproject.toml", additions: 3, deletions: 0)]), lines: lines)
        // The extras say it is a package; a bare quoted word (a lint code, a folder, even "pillow") could be anything.
        #expect(result.findings.first { $0.kind == .dependency }?.packages?.map(\.name) == ["imageio"])
    }

    @Test func environmentMarkersAreNotPackages() {
        let lines = ["pyproject.toml": LineChanges(
            added: ["required-environments = [", "    \"sys_platform == 'darwin' and platform_machine == 'arm64'\",", "    \"torch>=2.11\","],
            removed: ["    \"torch==2.11.*\","])]
        let result = detect(pr(title: "Loosen the torch requirement", files: []), lines: lines)
        #expect(!kinds(result).contains(.dependency))
        #expect(result.findings.first { $0.kind == .dependencyUpdate }?.notation == "~torch (pyproject.toml)")
    }

    @Test func aDescriptionOpeningWithRevertIsARevertEvenWhenTheShaIsUnknown() {
        let whole = detect(pr(title: "[CI] Fix broken CI", body: "Revert\nhttps://github.com/acme/engine/commit/4fb3d5e1b2588e91d3c00a434e1eb3daae220a48\nit breaks E2E Test",
            files: [.init(path: "engine/core/ops.py", additions: 40, deletions: 30)]))
        #expect(kinds(whole).contains(.revert) && !kinds(whole).contains(.missingTests))
        let step = detect(pr(title: "[Perf] Cache seq_lens", body: "Changes:\n1. Cache it.\n2. Revert https://github.com/acme/engine/pull/101.", files: []))
        #expect(!kinds(step).contains(.revert))
    }

    @Test func cosmeticChangesToTheCoreAreNeitherCoreRiskNorUntested() {
        let sweep = detect(pr(title: "[Lint]Style: Convert `engine/` to ruff format", files: [.init(path: "engine/core/scheduler.py", additions: 120, deletions: 140)]))
        #expect(kinds(sweep).isEmpty)
        let docstrings = detect(pr(title: "Improve Pydantic commenting", files: [.init(path: "engine/core/schemas.py", additions: 65, deletions: 12)]))
        #expect(kinds(docstrings).isEmpty)
        let logging = detect(pr(title: "Lower log level in the scheduler", files: [.init(path: "engine/core/scheduler.py", additions: 6, deletions: 6)]))
        #expect(kinds(logging).isEmpty)
        // "Lint" in the title does not hide a large rewrite of the core.
        let rewrite = detect(pr(title: "Fix lint and rework the scheduler", files: [.init(path: "engine/core/scheduler.py", additions: 90, deletions: 40)]))
        #expect(kinds(rewrite) == [.corePath, .missingTests])
    }

    @Test func requirementSpecifiersAreReadInEveryForm() {
        let lines = [
            "requirements.txt": LineChanges(
                added: ["uvicorn[standard] >= 0.30", "Torch_NPU==2.6.0", "pkg @ https://example.com/pkg.whl", "colorama; sys_platform == 'win32'",
                        "numpy", "-r common.txt", "--extra-index-url https://x", "broken[extra"],
                removed: []),
            "pyproject.toml": LineChanges(
                added: ["dependencies = [\"regex>=2024.1\", 'msgspec [x] ~= 0.18', \"setuptools\"]"], removed: []),
        ]
        let result = detect(pr(title: "Add packages", files: []), lines: lines)
        #expect(result.findings.first { $0.kind == .dependency }?.notation
            == "+regex, +msgspec (pyproject.toml); +uvicorn, +torch-npu, +pkg, +colorama, +numpy (requirements.txt)")
    }

    @Test func dockerfilePinsAreReadFromArgumentsAndBaseImages() {
        let lines = ["Dockerfile": LineChanges(
            added: ["ARG VLLM_TAG=v0.18.0", "ARG PIP_INDEX_URL=https://pypi.org/simple", "arg CANN_VERSION = 8.5",
                    "FROM --platform=linux/arm64 quay.io/acme/cann:8.5.1 AS build", "FROM ubuntu@sha256:abc", "FROM scratch"],
            removed: ["ARG VLLM_TAG=v0.17.0", "FROM quay.io/acme/cann:8.3.0 AS build"])]
        let result = detect(pr(title: "Bump images", files: []), lines: lines)
        #expect(result.findings.first { $0.kind == .dependency }?.notation == "+ubuntu (Dockerfile)")
        #expect(result.findings.first { $0.kind == .dependencyUpdate }?.notation == "~vllm-tag, ~quay.io/acme/cann (Dockerfile)")
    }

    @Test func theRepositorysOwnImageIsNotADependency() {
        let lines = ["ci/Dockerfile.nightly": LineChanges(added: ["FROM quay.io/acme/engine:release-1.2"], removed: ["FROM quay.io/acme/engine:main"]),
                     "Dockerfile": LineChanges(added: ["FROM quay.io/acme/cann:8.5"], removed: ["FROM quay.io/acme/cann:8.3"])]
        let result = detect(pr(title: "Nightly for the release branch", files: []), lines: lines)
        #expect(result.findings.first { $0.kind == .dependency } == nil)
        #expect(result.findings.first { $0.kind == .dependencyUpdate }?.notation == "~quay.io/acme/cann (Dockerfile)")
    }

    @Test func dependenciesAndSupportedFeaturesAreNotPortsOrFixes() {
        // "depends on #N" names the PR this one builds on; "support" merely contains the word "port".
        let dependsOn = detect(pr(title: "[Bugfix] Fix FULL mode", body: "It depends on https://github.com/acme/engine/pull/101.", files: []))
        #expect(dependsOn.fixes.isEmpty)
        let supports = detect(pr(title: "[Bugfix] Fix binding", body: "#101 added CPU binding support but broke ARM hosts.", files: []))
        #expect(supports.fixes == [101])
    }

    @Test func relandsFollowUpTheRevertedWorkNotTheRevert() {
        let result = detect(pr(title: "[Feature] Reapply unified draft parallel with a fix", body: "Reapply the feature (originally in #102, reverted in #103) and fix the patch.", files: []))
        #expect(result.fixes == [102])
        #expect(kinds(result).contains(.followUpFix))
    }

    @Test func earlierWorkNamedWithoutANumberIsAFollowUp() {
        let byTitle = detect(pr(title: "[SpecDecode] Fix draft proposer", body: "### What this PR does / why we need it?\nThis pr fixes the Unified draft\nparallel feature.", files: []))
        #expect(byTitle.fixes == [102])
        // Older than eight weeks: a title that happens to be quoted, not the work being repaired.
        let old = detect(pr(title: "[Bugfix] Fix prompts", body: "Fix paged attention for long prompts on A2.", files: []))
        #expect(old.fixes.isEmpty && !kinds(old).contains(.followUpFix))
        let described = detect(pr(title: "[Bugfix] Fix eagle3 with cp", body: "This PR fixes the bug introduced by the\nparallel speculative inference PR.", files: []))
        #expect(described.fixes.isEmpty)
        #expect(described.findings.first { $0.kind == .followUpFix }?.notation.contains("parallel speculative inference PR") == true)
        let upstream = detect(pr(title: "[Bugfix] Fix LoRA accuracy", body: "Fix the accuracy issue introduced by the upstream vLLM PR.", files: []))
        #expect(!kinds(upstream).contains(.followUpFix))
        // The same recurring task again: its own title opens with the earlier one.
        let recurring = detect(pr(title: "[Bugfix] Unified draftparallel and a cache fix", body: "This PR does two things:\n- unified draft parallel.\n- a cache fix", files: []))
        #expect(recurring.fixes.isEmpty)
    }

    @Test func skippedTestsAreReducedTestsUnlessTheTestsAreTheGoal() {
        #expect(kinds(detect(pr(title: "[CI] Skip the flaky binding test", files: [.init(path: ".github/workflows/ci.yaml", additions: 1, deletions: 0)]))) == [.testsReduced])
        #expect(kinds(detect(pr(title: "[CI] Disable early exit to complete all tests", files: [.init(path: ".github/workflows/ci.yaml", additions: 5, deletions: 0)]))).isEmpty)
        // A test left out of a CI run is skipped; an empty or duplicate test file deleted checked nothing.
        #expect(kinds(detect(pr(title: "[xpu][test] Ignore test_fusion.py on XPU CI", files: [.init(path: ".github/scripts/ci_test_xpu.sh", additions: 2, deletions: 1)]))) == [.testsReduced])
        #expect(kinds(detect(pr(title: "Delete empty test file", files: [.init(path: "test/test_cpu.py", additions: 0, deletions: 7)]))).isEmpty)
        #expect(kinds(detect(pr(title: "Remove duplicate tests of the sampler", files: [.init(path: "tests/test_sampler.py", additions: 0, deletions: 12)]))).isEmpty)
    }

    @Test func referencesAreReadInEveryFormAndNowhereElse() {
        let finder = ReferenceFinder(repository: "acme/engine")
        func targets(_ text: String) -> [ReferenceFinder.Reference.Target] { finder.references(in: text).map(\.target) }
        #expect(targets("Fixes the bug（#5967）from last week.") == [.pullRequest(5967)])
        #expect(targets("See https://github.com/acme/engine/pull/12 and https://github.com/Other/lib/issues/7.")
            == [.pullRequest(12), .upstream("Other/lib/issues/7")])
        #expect(targets("Broken since https://github.com/acme/engine/commit/ABCDEF1234 landed.") == [.commit("abcdef1234")])
        #expect(targets("Same as vllm-project/vllm#3456 and acme/engine#78.") == [.upstream("vllm-project/vllm#3456"), .pullRequest(78)])
        #expect(targets("This reverts commit 0123abcd. Not commits 1234567 nor commit 12345.") == [.commit("0123abcd")])
        // Inside words, paths, entities and addresses, or too long: nothing.
        #expect(targets("Use x#12, a/b/c#13, &#14; and #12345678 and #15a, see https://example.com/#16 too.").isEmpty)
    }

    @Test func theVersionStampIsNoReferenceButWhatFollowsItIs() {
        let finder = ReferenceFinder(repository: "acme/engine")
        let stamp = "- vLLM version: v0.27.1\n- vLLM main:\nhttps://github.com/acme/engine/commit/58d3918e3ea0a544ffedadad2ba84559e9c51d8f"
        #expect(finder.references(in: "Tidy the loader.\n\n" + stamp).isEmpty)
        #expect(finder.references(in: stamp.replacingOccurrences(of: "\nhttps", with: " https")).isEmpty)
        // A list item after the stamp opens its own paragraph; a paragraph after a blank line is the author's again.
        #expect(finder.references(in: stamp + "\n- Broken since commit abcdef12.").map(\.target) == [.commit("abcdef12")])
        #expect(finder.references(in: stamp + "\n\nSee https://github.com/acme/engine/pull/9").map(\.target) == [.pullRequest(9)])
    }

    @Test(arguments: ["Plain ASCII TITLE", "ΟΔΟΣ — Straße İstanbul ǅ", "ＡＢＣ 加速 ÀÉÎ \u{1E9E} Σ.", "Mixed: Ünïcödé and ASCII 123", ""])
    func lowercasingByBytesMatchesTheStandardLibrary(text: String) {
        #expect(text.lowercasedByBytes() == text.lowercased())
        #expect(text.dropFirst().lowercasedByBytes() == text.dropFirst().lowercased())
    }

    @Test func laterWorkIsLinkedByNumberAddressOrRevertedCommitOnly() throws {
        let week = pr(101, title: "Add CPU binding", files: [.init(path: "engine/cpu.py", additions: 40, deletions: 0)])
        var withSha = week
        withSha.mergeSHA = "bbbbbbb2222222222222222222222222222222222"
        func later(_ number: Int, _ title: String, _ body: String) -> PullRequest {
            var later = pr(number, title: title, body: body, files: [])
            later.mergedAt = Self.base.addingTimeInterval(86_400 * 7)
            return later
        }
        let analysis = WeekAnalyzer(repository: "acme/engine", profile: RepositoryProfile(), history: history).analyze(
            period: Period(week: try ISOWeek("2026-W14"), zone: .utc), pullRequests: [withSha], directCommitCount: 0,
            laterPullRequests: [
                later(300, "Undo the binding", "This reverts commit BBBBBBB2222."),
                later(301, "[Bugfix] Fix binding on ARM", "Broken by https://github.com/acme/engine/commit/bbbbbbb22222222 on ARM hosts."),
                // A bare hex word is not a reference LinkDetector resolves, and #1010 is not #101.
                later(302, "[Bugfix] Fix the cache", "bbbbbbb2222 and #1010 are unrelated."),
            ])
        #expect(analysis.prs[0].revertedBy == [300])
        #expect(analysis.prs[0].fixedBy == [301])
    }

    @Test func restoringWhatAnEarlierPullRequestBrokeIsAFollowUp() {
        let result = detect(pr(title: "[CI] Recover the binding test that was skipped by mistake", body: "It was wrongly skipped in https://github.com/acme/engine/pull/101", files: []))
        #expect(result.fixes == [101])
    }

    @Test func platformWorkIsNamed() {
        let result = detect(pr(title: "[ROCm] Enable fp8 kv cache on MI300", files: [.init(path: "engine/attention/rocm_backend.py", additions: 10, deletions: 0)]))
        #expect(result.findings.first { $0.kind == .platform }?.notation == "ROCm (engine/attention/rocm_backend.py)")
        let testsOnly = detect(pr(title: "Nightly config", files: [.init(path: "tests/e2e/310p/test_x.py", additions: 10, deletions: 0)]))
        #expect(!kinds(testsOnly).contains(.platform))
        let cpuOffload = detect(pr(title: "Faster CPU offload", files: [.init(path: "engine/offload/cpu_offload.py", additions: 10, deletions: 0)]))
        #expect(!kinds(cpuOffload).contains(.platform))
        let guide = detect(pr(title: "[Doc][310P] Explain max-model-len on 310P", files: [.init(path: "docs/tutorials/310p.md", additions: 30, deletions: 2)]))
        #expect(!kinds(guide).contains(.platform))
        // A platform's tests or CI job, even tagged with it, are not platform-specific code.
        let matrix = detect(pr(title: "[CI][ROCm] Run the fp8 tests on MI300", files: [
            .init(path: ".github/workflows/rocm.yaml", additions: 12, deletions: 0), .init(path: "tests/rocm/test_fp8.py", additions: 40, deletions: 0),
        ]))
        #expect(!kinds(matrix).contains(.platform))
    }

    @Test func aLintTouchOrAnEditAcrossVariantsIsNotPlatformWork() {
        // Lint fixes in the ROCm backend: no work for ROCm, unless the title says the tooling is for it.
        let lint = detect(pr(title: "Fix main lint to make CI happy", files: [.init(path: "engine/attention/rocm_backend.py", additions: 9, deletions: 1)]))
        #expect(!kinds(lint).contains(.platform))
        let windowsLint = detect(pr(title: "[Lint] Adapt lint tools for Windows", files: [.init(path: "engine/tools_windows.py", additions: 9, deletions: 1)]))
        #expect(kinds(windowsLint).contains(.platform))
        // The same edit to the A2 and the A3 script is for both variants, not one; the A3 script alone is.
        let both = detect(pr(title: "Fix unzip path for the ops package", files: [
            .init(path: "tools/install_ops_a2.sh", additions: 1, deletions: 2), .init(path: "tools/install_ops_a3.sh", additions: 1, deletions: 2),
        ]))
        #expect(!kinds(both).contains(.platform))
        let one = detect(pr(title: "Fix unzip path for the ops package", files: [.init(path: "tools/install_ops_a3.sh", additions: 1, deletions: 2)]))
        #expect(kinds(one).contains(.platform))
    }

    @Test func descriptionsLoseTheirTemplateAndKeepClaims() {
        let body = """
            <!-- Thanks for sending a pull request! -->
            ### What this PR does / why we need it?
            This PR removes a GPU to CPU sync in prefill, because the copy blocked the stream.
            It gives 3.6x faster
            prefill on long prompts.

            ### Does this PR introduce _any_ user-facing change?
            No.

            - vLLM version: v0.18.0
            Signed-off-by: Someone <s@example.com>
            """
        let reader = DescriptionReader(body: body)
        #expect(reader.summary == "This PR removes a GPU to CPU sync in prefill, because the copy blocked the stream. It gives 3.6x faster prefill on long prompts.")
        #expect(reader.claims == ["It gives 3.6x faster prefill on long prompts."])
        #expect(reader.explainsReasoning)
        #expect(!reader.prose.contains("Signed-off-by"))
        #expect(reader.userFacingChange == nil)
    }

    @Test func aLineOpeningWithANumberIsTextNotAHeading() {
        let reader = DescriptionReader(body: """
            ### What this PR does / why we need it?
            This PR implements the design proposed in RFC
            #[7656](https://github.com/acme/engine/issues/7656): equivalent groups share one communicator.
            ### How was this patch tested?
            Unit tests.
            """)
        #expect(reader.summary == "This PR implements the design proposed in RFC #7656: equivalent groups share one communicator.")
    }

    @Test func userFacingAndBreakingStatementsAreRead() {
        let reader = DescriptionReader(body: """
            ### What this PR does / why we need it?
            Renames the flag. This is a breaking change: --old-flag is removed.
            ### Does this PR introduce _any_ user-facing change?
            Yes, users must pass --new-flag instead.
            """)
        #expect(reader.userFacingChange == "Yes, users must pass --new-flag instead.")
        #expect(reader.breakingChange == "This is a breaking change: --old-flag is removed.")
        #expect(DescriptionReader(body: "Refactor with no breaking change.").breakingChange == nil)
        // Output quoted in a code block is not the author's statement.
        let quoted = "Importing torchao printed warnings; now it does not.\n\nBefore:\n```\nUserWarning: PlainLayout is deprecated and will be removed\n```\n"
        #expect(DescriptionReader(body: quoted).breakingChange == nil)
        // A "No." answer stays no however long the explanation after it; "Not for users of …" is a real answer.
        for answer in ["No. This is an internal refactor only; no API/interface behavior changes.", "No.\nThis PR only updates lint configuration.",
            "N/A", "None: internal only", "no, it is internal"] {
            #expect(DescriptionReader(body: "### Does this PR introduce _any_ user-facing change?\n" + answer).userFacingChange == nil, "\(answer)")
        }
        let yes = DescriptionReader(body: "### Does this PR introduce _any_ user-facing change?\nYes.\nEquivalent groups now share one communicator.")
        #expect(yes.userFacingChange == "Yes. Equivalent groups now share one communicator.")
        let notable = DescriptionReader(body: "### Does this PR introduce _any_ user-facing change?\nNotable: the default capture size drops to 512.")
        #expect(notable.userFacingChange == "Notable: the default capture size drops to 512.")
    }

    @Test func sentencesEndAtStopsBeforeWhitespaceAndAtFullWidthStops() {
        // `3.5` and `e.g.x` stay whole; a no-break space after a stop ends the sentence like a space does;
        // `。` ends one with no space after it; a fragment without a letter is dropped.
        let reader = DescriptionReader(body: "Version 3.5 is e.g.x faster.\u{00A0}加速了吞吐量。延迟降低了 30%；好的 ... 42. Last one here")
        #expect(reader.summary == "Version 3.5 is e.g.x faster. 加速了吞吐量。 延迟降低了 30%； 好的 ... Last one here")
        #expect(reader.claims == ["延迟降低了 30%；"])
        #expect(DescriptionReader(body: "\u{3000} Fixed the loader.\u{3000}").prose == "Fixed the loader.")
    }

    @Test(arguments: [
        ("Throughput is up 25% on H100.", true), ("Latency drops to 12 ms per step.", true), ("TTFT falls 1.8× with the cache.", true),
        ("Throughput: 3,100 tok/s after this.", true), ("Improves latency of 12 msgs in the queue.", false),
        ("Memory use was measured over 8 months.", false), ("Throughput of release 1.5.3x builds.", true),
        ("Faster by 2 x.", true), ("Accuracy is 0.91 on GSM8K.", false), ("Improves accuracy for 2 models.", false),
        // Kernels are measured in bandwidth, compute rate and microseconds.
        ("The kernel reaches 5.8 TB/s of bandwidth.", true), ("Step time reduced from 22.8us to 16.9us.", true),
        ("Memory bandwidth for 2 users.", false), ("Hits 610 TFLOPS on B200, up from 480.", true),
    ])
    func claimsNeedAFigureWithAUnit(sentence: String, isClaim: Bool) {
        #expect(DescriptionReader(body: sentence).claims == (isClaim ? [sentence] : []))
    }

    @Test func aKernelsFiguresAreBandwidthAndTime() {
        let figures = FigureReader.figures(in: ["The kernel reaches 5.8 TB/s of bandwidth.", "Step latency falls from 22.8us to 16.9us."])
        #expect(figures.map(\.value) == ["5.8 TB/s", "22.8us", "16.9us"])
        #expect(figures.map(\.metric) == [.throughput, .latency, .latency])
    }
}
