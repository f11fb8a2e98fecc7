import Foundation
import PRHubModel

/// Answers every question analysis asks about a path, from a repository profile (filled with defaults).
/// A class: every detector of every PR holds one, and a reference is cheaper to hand on than the profile's arrays.
public final class PathClassifier: Sendable {
    public let profile: RepositoryProfile
    let envNamePatterns: [NSRegularExpression]
    /// The same paths come up again and again in a week; each is judged once.
    private let memo = Memo()
    /// The profile's platforms, lower-cased and split into words and phrases once per analysis.
    let platforms: [CompiledPlatform]
    /// Which platforms (indexes into `platforms`) each single-word keyword names.
    let platformsByKeyword: [String: [Int]]

    struct CompiledPlatform: Sendable {
        let platform: RepositoryProfile.Platform
        /// Single words, lowercased.
        let keywords: Set<String>
        /// Keywords with a space, lowercased.
        let phrases: [String]
        /// Each word with the ways a variant file marks it (`.310p`, `_310p`, `-310p`), written out once.
        let variantMarks: [(keyword: String, marks: [String])]

        init(_ platform: RepositoryProfile.Platform) {
            let lower = platform.keywords.map { $0.lowercased() }
            self.platform = platform
            keywords = Set(lower.filter { !$0.contains(" ") })
            phrases = lower.filter { $0.contains(" ") }
            variantMarks = keywords.sorted().map { keyword in (keyword, [".", "_", "-"].map { $0 + keyword }) }
        }
    }

    public init(profile: RepositoryProfile) {
        let filled = profile.filled()
        self.profile = filled
        envNamePatterns = profile.envVarPatterns.compactMap { try? NSRegularExpression(pattern: $0) }
        platforms = filled.platforms.filter { !filled.homePlatforms.contains($0.name) }.map(CompiledPlatform.init)
        var byKeyword: [String: [Int]] = [:]
        for (index, compiled) in platforms.enumerated() {
            for keyword in compiled.keywords { byKeyword[keyword, default: []].append(index) }
        }
        platformsByKeyword = byKeyword
    }

    /// Works out the facts of these paths now (kind, core, module, platforms), so that the analysis finds them
    /// remembered: a report does this while another core builds the history index.
    public func prepare<Paths: Sequence<String>>(_ paths: Paths) {
        for path in paths { _ = memo.facts(path, self) }
    }

    public func kind(_ path: String) -> PathKind { memo.facts(path, self).kind }
    public func isCore(_ path: String) -> Bool { memo.facts(path, self).core }
    public func module(_ path: String) -> String { memo.facts(path, self).module }

    /// Which platforms (indexes into `platforms`) a path names: by a whole segment with its extension
    /// dropped (`npu/`), by a word inside a segment (`npu_worker.py`), or by the platform's path patterns.
    /// None for tests, docs and CI files, which are never read for platforms.
    func platformFacts(_ path: String) -> PlatformFacts { memo.facts(path, self).platforms ?? PlatformFacts() }

    struct Facts {
        var kind: PathKind
        var core: Bool
        var module: String
        /// Only for code, config and other files: tests, docs and CI never make work platform-specific.
        var platforms: PlatformFacts?
    }

    struct PlatformFacts {
        var bySegment: Set<Int> = []
        var byToken: Set<Int> = []
        var byPattern: Set<Int> = []
    }

    final class Memo: @unchecked Sendable {  // Safe: the caches are only touched while holding `lock`.
        private let lock = NSLock()
        private var facts: [String: Facts] = [:]
        private var wantsDiff: [String: Bool] = [:]

        /// `wantsDiff` per path: ingest asks it of every file of every commit in the history.
        func wantsDiff(_ path: String, _ classifier: PathClassifier) -> Bool {
            remembered(path, \.wantsDiff) {
                let parts = PathPattern.components(path)
                return classifier.profile.dependencyManifests.matches(components: parts)
                    || classifier.profile.envRegistries.matches(components: parts)
            }
        }

        /// All facts of a path from one split into segments.
        func facts(_ path: String, _ classifier: PathClassifier) -> Facts {
            remembered(path, \.facts) {
                let parts = PathPattern.components(path)
                let kind = classifier.computeKind(path, parts)
                return Facts(
                    kind: kind, core: classifier.computeCore(path, parts, kind: kind), module: classifier.computeModule(path, parts),
                    platforms: [.code, .config, .other].contains(kind) ? classifier.computePlatforms(path, parts) : nil)
            }
        }

        /// The cached value, else `compute()` run outside the lock (two threads may both compute one path).
        private func remembered<Value>(_ path: String, _ cache: ReferenceWritableKeyPath<Memo, [String: Value]>, _ compute: () -> Value) -> Value {
            if let hit = lock.withLock({ self[keyPath: cache][path] }) { return hit }
            let value = compute()
            lock.withLock { self[keyPath: cache][path] = value }
            return value
        }
    }

    func computeKind(_ path: String, _ parts: [[UInt8]]) -> PathKind {
        if profile.testPaths.matches(components: parts) { return .test }
        if profile.ciPaths.matches(components: parts) { return .ci }
        if profile.docsPaths.matches(components: parts) && !profile.dependencyManifests.matches(components: parts) { return .doc }
        return PathKind(path: path)
    }

    /// Source code under one of the profile's core paths; without a list, judged by folder names. Prototype
    /// and experimental trees are never core, nor are tooling folders (scripts, examples, benchmarks); nor are
    /// per-model trees unless a core path names one (`pkg/models/`): `pkg/` alone, as inferred, does not.
    func computeCore(_ path: String, _ parts: [[UInt8]], kind: PathKind) -> Bool {
        guard kind == .code, !ProfileInference.isExperimental(path), !RiskDetector.isTooling(path) else { return false }
        if ProfileInference.isPerModel(path) && !profile.corePaths.contains(where: { ProfileInference.namesModels($0.text) }) { return false }
        return profile.corePaths.isEmpty ? CorePaths.isCore(path) : profile.corePaths.matches(components: parts)
    }

    func computeModule(_ path: String, _ parts: [[UInt8]]) -> String {
        profile.modules.first { $0.paths.matches(components: parts) }?.name ?? ModuleMapper.module(of: path)
    }

    func computePlatforms(_ path: String, _ parts: [[UInt8]]) -> PlatformFacts {
        var facts = PlatformFacts()
        for part in parts {
            // The segment's first dot-separated piece (`.github` → `github`, `npu_ops.py` → `npu_ops`),
            // lowercased, then its words.
            let piece = part.drop { $0 == UInt8(ascii: ".") }.prefix { $0 != UInt8(ascii: ".") }
            let stem = String(decoding: (piece.isEmpty ? part[...] : piece).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            for index in platformsByKeyword[stem] ?? [] { facts.bySegment.insert(index) }
            for word in PlatformDetector.tokens(stem) {
                for index in platformsByKeyword[word] ?? [] { facts.byToken.insert(index) }
            }
        }
        for (index, compiled) in platforms.enumerated() where compiled.platform.paths.matches(components: parts) {
            facts.byPattern.insert(index)
        }
        return facts
    }

    public func isEnvRegistry(_ path: String) -> Bool { profile.envRegistries.matches(path) }
    public func isManifest(_ path: String) -> Bool { profile.dependencyManifests.matches(path) }

    /// Whether the analysis reads this file's diff text (manifests and env registries).
    public func wantsDiff(_ path: String) -> Bool { memo.wantsDiff(path, self) }

    /// A variable name counts when it matches one of the profile's patterns (any name when there are none).
    public func isEnvName(_ name: String) -> Bool {
        envNamePatterns.isEmpty
            || envNamePatterns.contains { $0.firstMatch(in: name, range: NSRange(location: 0, length: (name as NSString).length)) != nil }
    }

    public func isBot(login: String?, name: String) -> Bool {
        let candidates = [login, name].compactMap { $0?.lowercased() }
        return candidates.contains { $0.hasSuffix("[bot]") || $0.hasSuffix("-bot") }
            || profile.bots.contains { bot in candidates.contains(bot.lowercased()) }
    }
}
