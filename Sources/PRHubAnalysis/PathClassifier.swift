import Foundation
import PRHubModel

/// Answers every question analysis asks about a path, from a repository profile (filled with defaults).
public struct PathClassifier: Sendable {
    public let profile: RepositoryProfile
    let envNamePatterns: [NSRegularExpression]
    /// The same paths come up again and again in a week; each is judged once.
    private let memo = Memo()
    /// The profile's platforms, lower-cased and split into words and phrases once per analysis.
    let platforms: [CompiledPlatform]
    /// Which platforms (indexes into `platforms`) each single-word keyword names.
    let platformsByKeyword: [String: [Int]]

    struct CompiledPlatform: Sendable {
        var platform: RepositoryProfile.Platform
        var keywords: Set<String>
        var phrases: [String]
    }

    public init(profile: RepositoryProfile) {
        let filled = profile.filled()
        self.profile = filled
        envNamePatterns = profile.envVarPatterns.compactMap { try? NSRegularExpression(pattern: $0) }
        platforms = filled.platforms.filter { !filled.homePlatforms.contains($0.name) }.map { platform in
            let lower = platform.keywords.map { $0.lowercased() }
            return CompiledPlatform(
                platform: platform, keywords: Set(lower.filter { !$0.contains(" ") }), phrases: lower.filter { $0.contains(" ") })
        }
        var byKeyword: [String: [Int]] = [:]
        for (index, compiled) in platforms.enumerated() {
            for keyword in compiled.keywords { byKeyword[keyword, default: []].append(index) }
        }
        platformsByKeyword = byKeyword
    }

    public func kind(_ path: String) -> PathKind { memo.facts(path, self).kind }
    public func isCore(_ path: String) -> Bool { memo.facts(path, self).core }
    public func module(_ path: String) -> String { memo.facts(path, self).module }

    struct Facts {
        var kind: PathKind
        var core: Bool
        var module: String
    }

    final class Memo: @unchecked Sendable {  // Safe: `cache` is only touched while holding `lock`.
        private let lock = NSLock()
        private var cache: [String: Facts] = [:]

        func facts(_ path: String, _ classifier: PathClassifier) -> Facts {
            lock.lock()
            if let hit = cache[path] {
                lock.unlock()
                return hit
            }
            lock.unlock()
            let kind = classifier.computeKind(path)
            let facts = Facts(kind: kind, core: classifier.computeCore(path, kind: kind), module: classifier.computeModule(path))
            lock.lock()
            cache[path] = facts
            lock.unlock()
            return facts
        }
    }

    func computeKind(_ path: String) -> PathKind {
        let parts = PathPattern.components(path)
        if profile.testPaths.matches(components: parts) { return .test }
        if profile.ciPaths.matches(components: parts) { return .ci }
        if profile.docsPaths.matches(components: parts) && !profile.dependencyManifests.matches(components: parts) { return .doc }
        return PathKind(path: path)
    }

    /// Source code under one of the profile's core paths; without a list, judged by folder names.
    func computeCore(_ path: String, kind: PathKind) -> Bool {
        guard kind == .code else { return false }
        return profile.corePaths.isEmpty ? CorePaths.isCore(path) : profile.corePaths.matches(path)
    }

    func computeModule(_ path: String) -> String {
        let parts = PathPattern.components(path)
        return profile.modules.first { $0.paths.matches(components: parts) }?.name ?? ModuleMapper.module(of: path)
    }

    public func isEnvRegistry(_ path: String) -> Bool { profile.envRegistries.matches(path) }
    public func isManifest(_ path: String) -> Bool { profile.dependencyManifests.matches(path) }

    /// Whether the analysis reads this file's diff text (manifests and env registries).
    public func wantsDiff(_ path: String) -> Bool { isManifest(path) || isEnvRegistry(path) }

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
