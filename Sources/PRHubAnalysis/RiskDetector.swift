import Foundation
import PRHubModel

/// Finds the risks of one pull request, each with the evidence that raised it.
public struct RiskDetector: Sendable {
    public var repository: String
    public var history: HistoryIndex
    public var paths: PathClassifier
    /// Lines of code changed (added + deleted) above which a PR without tests is flagged.
    public var missingTestsThreshold = 10
    /// Net test lines removed at or above which a PR is flagged.
    public var testsReducedThreshold = 20

    public init(repository: String, history: HistoryIndex, paths: PathClassifier) {
        self.repository = repository
        self.history = history
        self.paths = paths
    }

    /// The result for one PR: findings in SPEC order, plus the PRs it reverts or fixes.
    public struct Result: Sendable {
        public var findings: [RiskFinding] = []
        public var reverts: Int?
        public var fixes: [Int] = []
        public var upstreamReferences: [String] = []
        public var issues: [Int] = []
        /// A formatting, lint or logging touch, a rename or a move: no behaviour of the code changes.
        public var changesNoBehaviour = false
    }

    /// `known` are the kinds of the PR's files in order, when the caller has them already.
    public func detect(_ pr: PullRequest, labels: [String], lineChanges: [String: LineChanges], kinds known: [PathKind]? = nil) -> Result {
        var result = Result()
        let fileKinds = known ?? pr.files.map { paths.kind($0.path) }
        let kinds = zip(pr.files, fileKinds).map { (file: $0.0, kind: $0.1) }
        let code = kinds.filter { $0.kind == .code }.map(\.file)
        // Shell scripts, examples and tooling folders are not product code: nobody expects unit tests with
        // them. Code that is only deleted needs no new test either.
        let testable = code.filter { file in file.additions > 0 && !Self.isTooling(file.path) }
        let tests = kinds.filter { $0.kind == .test }.map(\.file)

        let core = code.filter { paths.isCore($0.path) }
        let coreLines = core.reduce(0) { $0 + $1.additions + $1.deletions }
        // A formatting sweep, or a lint, logging or profiler touch of a few core lines, changes no behaviour
        // of the core: neither a core-path risk nor a reason to ask for tests; nor is it work for a platform whose
        // code it touches, unless its title names that platform ("Adapt lint tools for Windows").
        // A rename or a move of files is the same: the code it carries already ran before it. Renaming what users
        // type (a CLI command, a flag, an API) is a change they see, though it asks for no new tests either.
        let renamed = Self.isRename(pr.title, code)
        let cosmetic = Self.isFormattingPass(pr.title) || Self.isCosmeticTouch(pr.title) && coreLines <= 20
            || renamed && !Self.namesInterface(pr.title)
        if !core.isEmpty && !cosmetic {
            result.findings.append(RiskFinding(kind: .corePath, files: Self.largestFirst(core)))
        }
        // A change that mostly deletes is weighed by what it adds: the code taken out needs no test, the few
        // lines that replace it may.
        let codeLines = Scoring.weighedLines(
            added: testable.reduce(0) { $0 + $1.additions }, removed: testable.reduce(0) { $0 + $1.deletions })
        if codeLines >= missingTestsThreshold && tests.isEmpty {
            result.findings.append(RiskFinding(kind: .missingTests, files: Self.largestFirst(testable)))
        }
        let testNet = tests.reduce(0) { $0 + $1.additions - $1.deletions }
        let testChurn = tests.reduce(0) { $0 + $1.additions + $1.deletions }
        let removedTestFiles = tests.filter { $0.additions == 0 && $0.deletions > 0 }
        // A net loss that is a sliver of a large rewrite (tests moved to another form) is not a reduction.
        if -testNet >= testsReducedThreshold && Double(-testNet) >= 0.2 * Double(testChurn) {
            let shrinking = (removedTestFiles + tests.filter { $0.deletions > $0.additions && $0.additions > 0 })
            result.findings.append(RiskFinding(kind: .testsReduced, files: Self.largestFirst(shrinking), testLinesRemoved: -testNet))
        } else if kinds.contains(where: { $0.kind == .test || $0.kind == .ci }), let skip = Self.skippedTests(pr.title) {
            // A title that skips or removes tests, with test files or the CI jobs that run them changed: the skip
            // is in the diff. A title alone is not evidence.
            result.findings.append(RiskFinding(kind: .testsReduced, quote: .init(skip, from: .title)))
        }

        let links = LinkDetector(repository: repository, history: history).links(of: pr, labels: labels)
        // A revert restores code that was there before: asking it for new tests is noise.
        if links.revertEvidence != nil || cosmetic || renamed { result.findings.removeAll { $0.kind == .missingTests } }
        result.changesNoBehaviour = cosmetic
        result.reverts = links.reverts
        result.fixes = links.fixes
        result.upstreamReferences = links.upstream
        result.issues = links.issues
        if let evidence = links.revertEvidence {
            result.findings.append(evidence.finding(.revert))
        }
        if !links.fixEvidence.isEmpty {
            result.findings.append(RiskFinding(kind: .followUpFix, links: links.fixEvidence.compactMap(\.link),
                quote: links.fixEvidence.lazy.compactMap(\.quote).first))
        }
        let variables = EnvVarDetector(paths: paths).newVariables(lineChanges)
        if !variables.isEmpty {
            result.findings.append(RiskFinding(kind: .envVar, variables: variables.flatMap { file in
                file.names.map { RiskFinding.NamedInFile(name: $0, path: file.path) }
            }))
        }
        if let platforms = PlatformDetector(paths: paths).platforms(
            title: pr.title, labels: labels, files: pr.files, kinds: fileKinds, titleMustName: cosmetic)
        {
            result.findings.append(RiskFinding(kind: .platform, platforms: platforms))
        }
        let packages = DependencyDetector(paths: paths, repository: repository).packageChanges(lineChanges)
        // A package newly installed is a dependency; a re-pin, a loosened pin or a dropped package an update.
        let installed = packages.filter { $0.change == .added }
        let named = Set(packages.map(\.name))
        let updated = packages.filter { $0.change != .added }
            + LockFileUpdates.updates(title: pr.title, files: pr.files).filter { !named.contains($0.name) }
        if !installed.isEmpty { result.findings.append(RiskFinding(kind: .dependency, packages: installed)) }
        if !updated.isEmpty { result.findings.append(RiskFinding(kind: .dependencyUpdate, packages: updated)) }
        result.findings.sort { $0.kind < $1.kind }
        return result
    }

    /// "[Lint]Style: Convert … to ruff format", "Reformat the ops", "Improve Pydantic commenting": a sweep that
    /// only restyles code or what it says about itself.
    static func isFormattingPass(_ title: String) -> Bool {
        let lower = title.lowercasedByBytes()
        return (["ruff format", "reformat", "code format", "formatting", "[lint]", "[style]", "style:"] + ImpactRules.commentSweeps)
            .contains { lower.containsBytes($0) }
    }

    /// "Fix lint", "Fix typos", "Add enablement logging", "Lower log level", "[profiler] …": upkeep of code, not new
    /// behaviour ("fix a typo" may be a misspelt key, a real bug, so the singular does not count).
    static func isCosmeticTouch(_ title: String) -> Bool {
        let words = Set(PlatformDetector.tokens(title))
        return !words.isDisjoint(with: ["lint", "typos", "logging", "logger", "profiler"]) || title.lowercasedByBytes().containsBytes("log level")
    }

    /// "gptq: rename `W` to `W_t`", "more obvious block var names", "Move bitpacking.py to prototype": a rename
    /// or a move replaces lines one for one (added and removed within a tenth of each other, or four lines) and
    /// changes no behaviour a test could check. A move is of files: some file only gains lines and another only
    /// loses them, or one moved unchanged (git's rename detection shows it +0/−0); "move the allocation out of
    /// the loop", an edit of one file, is not. A rename or move that fixes something ("[Bugfix] rename the flag
    /// back") changes behaviour.
    static func isRename(_ title: String, _ code: [FileChange]) -> Bool {
        // Asked of every PR: most titles hold none of the words, found by a byte search before any split.
        let lower = title.lowercasedByBytes()
        guard ["renam", "move", "moving", "reloc", "names"].contains(where: lower.containsBytes) else { return false }
        let words = Set(PlatformDetector.tokens(title))
        guard words.isDisjoint(with: ["fix", "fixes", "bugfix", "hotfix"]) else { return false }
        let renames = !words.isDisjoint(with: ["rename", "renames", "renamed", "renaming"]) || lower.containsBytes("var names")
            || lower.containsBytes("variable names")
        let movesFiles = !words.isDisjoint(with: ["move", "moves", "moved", "moving", "relocate", "relocates", "relocated"])
            && code.contains { ($0.additions == 0) != ($0.deletions == 0) || $0.additions + $0.deletions == 0 && $0.linesKnown }
        guard renames || movesFiles else { return false }
        let added = code.reduce(0) { $0 + $1.additions }
        let removed = code.reduce(0) { $0 + $1.deletions }
        return abs(added - removed) <= max(4, (added + removed) / 10)
    }

    static func namesInterface(_ title: String) -> Bool {
        !ImpactRules.interfaceWords.isDisjoint(with: PlatformDetector.tokens(title))
    }

    static func skippedTests(_ title: String) -> String? {
        let lower = title.lowercasedByBytes()
        let verbs = ["skip ", "disable ", "ignore ", "remove ", "delete ", "drop "]
        // "fix skipped test" repairs, it does not skip; deleting empty, unused or duplicate tests checks nothing less.
        guard lower.containsBytes("test"), !lower.hasPrefix("revert"),
            !PlatformDetector.tokens(lower).contains(where: ["empty", "unused", "dead", "duplicate", "duplicated", "redundant"].contains),
            let verb = verbs.compactMap({ verb in lower.byteOffset(of: verb).map { $0 + verb.utf8.count } }).min()
        else { return nil }
        // "Disable early exit to complete all tests": the tests are the goal, not what is disabled.
        if let test = lower.byteOffset(of: "test", from: verb),
            String(decoding: lower.utf8.dropFirst(verb).prefix(test - verb), as: UTF8.self).containsBytes(" to ")
        {
            return nil
        }
        return title
    }

    static let toolingFolders = [".agents/", ".claude/", "tools/", "scripts/", "examples/", "tutorials/", "notebooks/", "benchmarks/"]
    /// The same folders deeper in the tree (`pkg/tools/`), written out once rather than for every path.
    static let nestedToolingFolders = toolingFolders.map { "/" + $0 }

    /// Shell scripts and code under tooling folders: code, but not the product users run.
    static func isTooling(_ path: String) -> Bool {
        path.hasSuffix(".sh") || toolingFolders.contains { path.hasPrefix($0) } || nestedToolingFolders.contains { path.containsBytes($0) }
    }

    /// The files with their changed lines, most changed first (ties in path order).
    static func largestFirst(_ files: [FileChange]) -> [RiskFinding.FileLines] {
        files.sorted { ($0.additions + $0.deletions, $1.path) > ($1.additions + $1.deletions, $0.path) }
            .map { RiskFinding.FileLines(path: $0.path, additions: $0.additions, deletions: $0.deletions) }
    }
}
