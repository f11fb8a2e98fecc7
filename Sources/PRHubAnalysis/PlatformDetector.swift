import PRHubModel

/// Platform-specific work: hardware or OS named in a PR's tags, title or paths, from the profile's list.
public struct PlatformDetector: Sendable {
    /// Names that only count as a whole path segment (`cpu/`) or tag word, never inside a file name
    /// (`cpu_offload.py`) or a title ("CPU offload").
    static let exactOnly: Set<String> = ["CPU"]
    /// Share of the changed code and config lines that must be platform files for paths alone to count.
    static let minimumShare = 0.25
    let paths: PathClassifier

    public init(paths: PathClassifier) { self.paths = paths }

    /// "310P (vllm_ascend/_310p/x.py); XPU"-style evidence (a path when one shows it), or nil.
    public func evidence(title: String, labels: [String], files: [FileChange]) -> String? {
        let titleTokens = Set(Self.tokens(LinkDetector.untagged(title)) + labels.flatMap(Self.tokens))
        let tagTokens = Set(labels.flatMap(Self.tokens))
        // Tests, docs and CI for a platform do not make a change platform-specific; code and config do.
        let candidates = files.filter { [.code, .config, .other].contains(paths.kind($0.path)) }
        let allPaths = Set(files.map { $0.path.lowercased() })
        let totalLines = max(1, candidates.reduce(0) { $0 + $1.additions + $1.deletions })
        // Each candidate path split once: whole segments (extension dropped) and their word tokens.
        let segmented = candidates.map { file -> (file: FileChange, segments: Set<String>, tokens: Set<String>, components: [[UInt8]]) in
            let segments = file.path.lowercased().split(separator: "/").map { String($0.split(separator: ".").first ?? $0) }
            return (file, Set(segments), Set(segments.flatMap(Self.tokens)), PathPattern.components(file.path))
        }
        let lowerTitle = title.lowercased()
        var found: [String] = []
        for compiled in paths.platforms {
            let platform = compiled.platform
            let keywords = compiled.keywords
            // Keywords with a space are phrases, looked for in the title as written ("CPU binding").
            let phrases = compiled.phrases
            let strict = Self.exactOnly.contains(platform.name)
            let titleHit = !(strict ? tagTokens : titleTokens).isDisjoint(with: keywords)
                || phrases.contains { lowerTitle.containsBytes($0) }
            let hits = segmented.filter { entry in
                let named = !entry.segments.isDisjoint(with: keywords) || (!strict && !entry.tokens.isDisjoint(with: keywords))
                return (named || platform.paths.matches(components: entry.components))
                    && !hasGenericTwin(entry.file.path, keywords: keywords, among: allPaths)
            }.map(\.file)
            let share = Double(hits.reduce(0) { $0 + $1.additions + $1.deletions }) / Double(totalLines)
            if let first = hits.first, share >= Self.minimumShare || titleHit {
                found.append("\(platform.name) (\(first.path))")
            } else if titleHit {
                found.append(platform.name)
            }
        }
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }

    /// `Dockerfile.310p` changed together with `Dockerfile`: the same edit across variants, not platform work.
    func hasGenericTwin(_ path: String, keywords: Set<String>, among all: Set<String>) -> Bool {
        let lower = path.lowercased()
        for keyword in keywords {
            for separator in [".", "_", "-"] {
                let twin = lower.replacingOccurrences(of: separator + keyword, with: "")
                if twin != lower, all.contains(twin) { return true }
            }
        }
        return false
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
