/// Platform-specific work: hardware or OS named in a PR's tags, title or paths.
public struct PlatformDetector: Sendable {
    /// Display name and the lowercase tokens that signal it.
    static let platforms: [(name: String, tokens: Set<String>)] = [
        ("ROCm", ["rocm", "hip", "amd", "mi300", "mi300x", "mi325", "mi350", "mi355", "aiter"]),
        ("XPU", ["xpu", "intel"]),
        ("NPU", ["npu", "ascend"]),
        ("310P", ["310p", "_310p"]),
        ("Ascend950", ["ascend950", "950", "a5"]),
        ("A2/A3", ["a2", "a3", "910b", "910c"]),
        ("MUSA", ["musa"]),
        ("TPU", ["tpu", "tpus"]),
        ("CPU", ["cpu"]),
        ("macOS", ["macos", "darwin", "mps"]),
        ("Windows", ["windows", "win32"]),
        ("Blackwell", ["blackwell", "sm100", "sm120", "b200", "gb200", "b300"]),
        ("Hopper", ["hopper", "sm90", "h100", "h200", "h20"]),
        ("Gaudi", ["hpu", "gaudi"]),
    ]

    /// Short names that only count as a whole folder name (`cpu/`), never inside one (`cpu_offload/`).
    static let exactOnly: Set<String> = ["CPU", "A2/A3"]

    /// Platforms that are a repository's home ground are not a risk there (NPU in vllm-ascend).
    let ignored: Set<String>

    public init(repository: String) {
        let lower = repository.lowercased()
        ignored = lower.contains("ascend") ? ["NPU"] : []
    }

    /// "310P (vllm_ascend/_310p/x.py); XPU"-style evidence (a path when one shows it), or nil when nothing platform-specific shows.
    public func evidence(title: String, labels: [String], paths: [String]) -> String? {
        let titleTokens = Set(Self.tokens(title) + labels.flatMap(Self.tokens))
        var found: [String] = []
        for platform in Self.platforms where !ignored.contains(platform.name) {
            var hit = false
            // CPU is too common a word in titles ("CPU offload"): only a tag or a folder names the platform.
            let titleHit = platform.name == "CPU"
                ? labels.contains("cpu") : !titleTokens.isDisjoint(with: platform.tokens)
            hit = titleHit
            // Tests, docs and CI for a platform do not make a change platform-specific; code and config do.
            let hitPaths = paths.filter { [.code, .config, .other].contains(PathKind(path: $0)) }.filter { path in
                // Folders, and the file name without its extension (`rocm_backend.py` → `rocm_backend`).
                let parts = path.lowercased().split(separator: "/").map { $0.split(separator: ".").first ?? $0 }
                return parts.contains { part in
                    platform.tokens.contains(String(part))
                        || (!Self.exactOnly.contains(platform.name)
                            && !Set(Self.tokens(String(part))).isDisjoint(with: platform.tokens))
                }
            }
            if let path = hitPaths.first {
                found.append("\(platform.name) (\(path))")
            } else if hit {
                found.append(platform.name)
            }
        }
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }

    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
