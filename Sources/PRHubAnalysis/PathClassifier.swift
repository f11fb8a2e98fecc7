import Foundation
import PRHubModel

/// Answers every question analysis asks about a path, from a repository profile (filled with defaults).
public struct PathClassifier: Sendable {
    public let profile: RepositoryProfile
    let envNamePatterns: [NSRegularExpression]

    public init(profile: RepositoryProfile) {
        self.profile = profile.filled()
        envNamePatterns = profile.envVarPatterns.compactMap { try? NSRegularExpression(pattern: $0) }
    }

    public func kind(_ path: String) -> PathKind {
        let parts = PathPattern.components(path)
        if profile.testPaths.matches(components: parts) { return .test }
        if profile.ciPaths.matches(components: parts) { return .ci }
        if profile.docsPaths.matches(components: parts) && !profile.dependencyManifests.matches(components: parts) { return .doc }
        return PathKind(path: path)
    }

    /// Source code under one of the profile's core paths; without a list, judged by folder names.
    public func isCore(_ path: String) -> Bool {
        guard kind(path) == .code else { return false }
        return profile.corePaths.isEmpty ? CorePaths.isCore(path) : profile.corePaths.matches(path)
    }

    public func module(_ path: String) -> String {
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
