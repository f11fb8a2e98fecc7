import PRHubModel

/// Platform-specific work: hardware or OS named in a PR's tags, title or paths, from the profile's list.
public struct PlatformDetector: Sendable {
    /// Short names that only count as a whole path segment (`cpu/`), never inside one (`cpu_offload/`),
    /// and in titles only as a tag.
    static let exactOnly: Set<String> = ["CPU", "A2/A3"]
    let paths: PathClassifier

    public init(paths: PathClassifier) { self.paths = paths }

    /// "310P (vllm_ascend/_310p/x.py); XPU"-style evidence (a path when one shows it), or nil.
    public func evidence(title: String, labels: [String], paths changed: [String]) -> String? {
        let profile = paths.profile
        let titleTokens = Set(Self.tokens(title) + labels.flatMap(Self.tokens))
        // Tests, docs and CI for a platform do not make a change platform-specific; code and config do.
        let candidates = changed.filter { [.code, .config, .other].contains(paths.kind($0)) }
        var found: [String] = []
        for platform in profile.platforms where !profile.homePlatforms.contains(platform.name) {
            let keywords = Set(platform.keywords.map { $0.lowercased() })
            let strict = Self.exactOnly.contains(platform.name)
            let titleHit = strict ? !Set(labels).isDisjoint(with: keywords) : !titleTokens.isDisjoint(with: keywords)
            let hitPath = candidates.first { path in
                if platform.paths.matches(path) { return true }
                // Segments, and the file name without its extension (`rocm_backend.py` → `rocm_backend`).
                let segments = path.lowercased().split(separator: "/").map { $0.split(separator: ".").first ?? $0 }
                return segments.contains { segment in
                    keywords.contains(String(segment)) || (!strict && !Set(Self.tokens(String(segment))).isDisjoint(with: keywords))
                }
            }
            if let hitPath {
                found.append("\(platform.name) (\(hitPath))")
            } else if titleHit {
                found.append(platform.name)
            }
        }
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
