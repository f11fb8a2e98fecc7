import PRHubModel

/// Importance and insight, 1 to 5, from written-down rules.
///
/// Importance (how much the change matters to the project), from 1:
/// - +1 when it changes at least 30 lines of product code (not scripts, tools or examples), +1 more from 300
///   unless it only reworks code (a refactor, clean-up or consolidation that claims no measured gain);
/// - +1 when it touches a core path;
/// - +1 when it is substantive work (feature, performance, model, quantization, kernel, distributed,
///   platform, or platform-specific by its risk) rather than upkeep, in product code; a fix tagged with its
///   area is not (`repairs`), nor a test or a doc tagged with the area it covers;
/// - +1 when its product code spans three or more modules with at least 100 lines (breadth with substance),
///   unless it earned the point for 300 lines: both measure how much code moved, which counts once;
/// - +1 for a revert (undoing merged work always deserves a look);
/// - +1 when the description announces a user-facing or breaking change;
/// - +1 when it claims measured results (a speed-up is impact, not just intent);
/// - +1 when every user inherits it: a dependency or toolchain change, or a sync with upstream (a `[Main2Main]`
///   tag or a title that moves onto a newer upstream, `ImpactRules.syncsUpstream`);
/// - at least 3 for a fix of a core path (the repaired machinery serves every user), for a title that
///   names a failure, a release, a deprecation, a changed default or an upstream sync (`ImpactRules`), and for
///   something new users type or call added to product code by a change that is no fix; +1 for a breaking one;
/// - at most 2 for a mechanical sweep (formatting, lint, typos, a bot's bump) whatever its size; 1 for a merge
///   that changed no file;
/// - at most 2 when only docs, tests, CI or tooling (scripts, benchmarks, examples) change, or when the
///   author tagged it as upkeep only (`[CI]`, `[Doc]`, `[Test]`, `[Lint]`), unless it changes a dependency:
///   a sweeping typo or lint fix touches many modules without mattering much, a new base image reaches
///   every user.
///
/// Insight (how much a reader learns from it), from 1:
/// - +1 when the description says something beyond the template (200+ characters), +1 more from 800;
/// - +1 when it claims measured results (speed-ups, percentages, latency);
/// - +1 when code and tests change together;
/// - +1 when it explains causes or choices.
public enum Scoring {
    static let substantive: Set<String> = [
        "feature", "performance", "model", "quantization", "kernel", "ops", "pd", "kv-pool", "kv-cache", "spec-decode",
        "multimodal", "distributed", "platform", "hardware", "core", "eplb", "310p", "ascend950",
    ]

    /// Tags of new work: a fix tagged with its area (`[P/D][Bugfix]`, `[310P] Fix …`) repairs that area's work,
    /// it is not more of it; a fix also tagged as a feature, speed-up or model is.
    static let newWorkLabels: Set<String> = ["feature", "performance", "model"]

    static func isNewWork(_ labels: [String], repairs: Bool) -> Bool {
        !repairs || labels.contains(where: newWorkLabels.contains)
    }

    /// Impacts that make any change worth a read (importance at least 3). A list, not a set: hashing an enum
    /// of ours costs a runtime conformance lookup on its first use in a process.
    static let worthARead: [Impact] = [.failure, .release, .deprecation, .defaultChange, .upstreamSync]

    /// Impacts that are news for a lead whatever the size: a point in the reading order of highlights. Those
    /// worth a read, and a breaking change (which adds a point to importance instead).
    static let news: [Impact] = worthARead + [.breaking]

    /// Title tags that say the author meant upkeep only.
    static let upkeepLabels: Set<String> = ["ci", "doc", "test", "style"]

    /// Labels of changes every user of the project inherits.
    static let everyoneLabels: Set<String> = ["main2main", "upgrade", "dependencies", "deps", "rebase"]

    /// A package change users inherit: one in a manifest, not one a lock file alone pins (a lock pins the
    /// project's own development and CI environment; those who install the package resolve afresh), nor one
    /// in a manifest for the project's own tooling (`requirements-dev.txt`, `requirements_benchmarking.txt`).
    static func reachesUsers(_ finding: RiskFinding) -> Bool {
        guard finding.kind == .dependency || finding.kind == .dependencyUpdate else { return false }
        return finding.packages?.contains { !LockFileUpdates.isLockFile($0.path) && !DevelopmentManifest.isDevelopment($0.path) } ?? true
    }

    /// The points behind importance, before the cap of 5 (importance is `min(5, points)`): a PR with seven
    /// reasons to read it outranks one with five when highlights are chosen. Upkeep-only PRs stay at 2 at most.
    public static func importancePoints(
        _ pr: PullRequest, labels: [String], findings: [RiskFinding], paths: PathClassifier, userFacing: Bool = false,
        claimsResults: Bool = false, kinds known: [PathKind]? = nil, impacts: [Impact] = []
    ) -> Int {
        // A merge that changed no file (an empty or duplicate PR) changes nothing, whatever its title says.
        if pr.filesKnown && pr.files.isEmpty { return 1 }
        let kinds = known ?? pr.files.map { paths.kind($0.path) }
        // Product code: linters, scripts and examples are code too, but not what users run.
        let product = zip(pr.files, kinds).filter { $0.1 == .code && !RiskDetector.isTooling($0.0.path) }.map(\.0)
        let added = product.reduce(0) { $0 + $1.additions }
        let removed = product.reduce(0) { $0 + $1.deletions }
        // The title is read only for a change that mostly deletes (most do not).
        let weighed = weighedLines(added: added, removed: removed)
        let codeLines = weighed < added + removed && isRemoval(pr.title) ? weighed : added + removed
        let fix = repairs(pr.title, labels: labels)
        var score = 1
        if codeLines >= 30 { score += 1 }
        let large = codeLines >= 300 && !reworksOnly(pr.title, labels: labels, claimsResults: claimsResults)
        if large { score += 1 }
        let touchesCore = findings.contains(where: { $0.kind == .corePath })
        if touchesCore { score += 1 }
        if codeLines > 0 && isNewWork(labels, repairs: fix) && (labels.contains(where: substantive.contains) || findings.contains(where: { $0.kind == .platform })) {
            score += 1
        }
        if !large && codeLines >= 100 && Set(product.map { paths.module($0.path) }).count >= 3 { score += 1 }
        if findings.contains(where: { $0.kind == .revert }) { score += 1 }
        if userFacing { score += 1 }
        if claimsResults { score += 1 }
        if findings.contains(where: reachesUsers) || labels.contains(where: everyoneLabels.contains) || impacts.contains(.upstreamSync) {
            score += 1
        }
        // A repair of a core path reaches every user of that machinery: at least a 3, like a feature of one model.
        if fix && touchesCore { score = max(score, 3) }
        // Something new users type or call, in product code: a user-visible change whatever its size. A fix that
        // adds a parameter ("[BugFix] Add support for rotary_dim parameter") repairs what users had.
        if impacts.contains(.newInterface) && codeLines > 0 && !fix { score = max(score, 3) }
        // Scripts, tools and examples are code, but what they change reaches the project's own runs, not its users.
        let upkeepFiles = !kinds.isEmpty && zip(pr.files, kinds).allSatisfy { file, kind in
            kind == .doc || kind == .test || kind == .ci || kind == .code && RiskDetector.isTooling(file.path)
        }
        let upkeepTags = !labels.isEmpty && labels.allSatisfy(upkeepLabels.contains)
        // A new package, base image or toolchain reaches every user, whatever the files and tags say.
        let upkeepOnly = (upkeepFiles || upkeepTags) && !findings.contains(where: reachesUsers)
        // Impact from the title: a failure a lead must know of (a crash, a hang, wrong results …), a release, a
        // deprecation, a changed default or a move onto a newer upstream is worth a read whatever its size (at
        // least 3); a breaking change adds one.
        if impacts.contains(where: worthARead.contains) { score = max(score, 3) }
        if impacts.contains(.breaking) { score += 1 }
        // A mechanical sweep stays low whatever its size.
        if impacts.contains(.mechanical) { score = min(score, 2) }
        return upkeepOnly ? min(2, max(1, score)) : max(1, score)
    }

    /// Changed lines weighed for what they say of a change: one that mostly deletes (four removed lines or more
    /// to one added) counts twice what it adds — the lines taken out say nothing of its weight.
    static func weighedLines(added: Int, removed: Int) -> Int {
        removed >= 4 * added ? 2 * added : added + removed
    }

    /// A removal — of what was deprecated, or a title that opens with remove, delete or drop — is sized by its
    /// weighed lines (that it breaks users is counted apart).
    static func isRemoval(_ title: String) -> Bool {
        title.lowercasedByBytes().containsBytes("deprecated") || ImpactRules.opensWithRemoval(titleWords: TopicClassifier.titleWords(title))
    }

    /// Words with which a title opens when it repairs something.
    static let fixVerbs: Set<String> = [
        "fix", "fixes", "fixed", "fixing", "bugfix", "hotfix", "correct", "corrects", "resolve", "resolves", "prevent", "prevents",
        "repair", "repairs",
    ]

    /// A fix: tagged as one (`[Bugfix]`, `fix:`), or a title that says so with its first word after the tags
    /// ("Fix Ray executor to support async scheduling", "bug fix: correct sharding annotation", "Prevent folding
    /// of mutable input to copy_").
    static func repairs(_ title: String, labels: [String]) -> Bool {
        if labels.contains("bugfix") { return true }
        let words = wordsAfterTags(title, labels: labels)
        guard let first = words.first else { return false }
        return fixVerbs.contains(first) || first == "bug" && words.dropFirst().first.map(fixVerbs.contains) == true
    }

    /// The title's words, lowercased, after its tags — bracketed ones, and words its labels name (`fix:`,
    /// multi-word tags such as `[Batched RPA]`): where the author says what the change does.
    static func wordsAfterTags(_ title: String, labels: [String]) -> ArraySlice<String> {
        PlatformDetector.tokens(LinkDetector.untagged(title)).drop { labels.contains($0) }
    }

    /// Verbs of a title that reworks code without adding to what it does.
    static let reworkVerbs: Set<String> = [
        "refactor", "refactors", "refactored", "refactoring", "clean", "cleanup", "cleans", "simplify", "simplifies", "consolidate",
        "consolidates", "split", "splits", "reorganize", "reorganise", "restructure", "tidy", "deduplicate", "dedupe", "unify",
    ]

    /// A rework (refactor, clean-up, consolidation) that claims no measured gain: its size says how much was
    /// moved around, not how much changed for users.
    static func reworksOnly(_ title: String, labels: [String], claimsResults: Bool) -> Bool {
        guard !claimsResults else { return false }
        return labels.contains("refactor") || opensWithRework(title, labels: labels)
    }

    /// Whether the title, after its tags, opens with a rework verb ("Cleanup model interface") or is a short
    /// name of one ("[Kernel][Batched RPA] Code cleanup", "Minor refactor").
    static func opensWithRework(_ title: String, labels: [String]) -> Bool {
        let words = wordsAfterTags(title, labels: labels)
        guard let first = words.first else { return false }
        return reworkVerbs.contains(first) || words.count <= 3 && words.last.map(reworkVerbs.contains) == true
    }

    public static func insight(_ pr: PullRequest, description: DescriptionReader, paths: PathClassifier, kinds known: [PathKind]? = nil) -> Int {
        let kinds = Set(known ?? pr.files.map { paths.kind($0.path) })
        var score = 1
        // Only the thresholds 200 and 800 matter: counting characters past 800 is wasted work.
        let length = description.prose.characterCount(upTo: 800)
        if length >= 200 { score += 1 }
        if length >= 800 { score += 1 }
        if !description.claims.isEmpty { score += 1 }
        if kinds.contains(.code) && kinds.contains(.test) { score += 1 }
        if description.explainsReasoning { score += 1 }
        return min(5, score)
    }
}
