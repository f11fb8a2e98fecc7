import PRHubModel

/// The kind of each PR: the first kind (in priority order) its labels name, else one judged from its
/// files and title.
public enum ThemeClassifier {
    /// Theme keys in priority order, with the labels that lead to each.
    static let themes: [(key: ChangeKind, labels: Set<String>)] = [
        (.revert, ["revert"]),
        (.performance, ["performance", "kernel", "ops", "fusion", "graph", "aclgraph", "npugraph-ex", "torchair", "xlite"]),
        (.quantization, ["quantization", "w8a8", "w4a8", "fp8", "mxfp8"]),
        (.model, ["model", "multimodal", "lora", "spec-decode", "eagle", "eagle3", "mtp", "moe"]),
        (.distributed, ["pd", "kv-pool", "kv-cache", "eplb", "distributed", "pcp", "dcp", "disaggregation", "kv-connector"]),
        (.platform, ["platform", "hardware", "310p", "ascend950", "rocm", "xpu", "cpu", "tpu", "amd", "musa"]),
        (.feature, ["feature", "core", "v1", "mrv2", "model-runner-v2", "worker", "scheduler", "attention"]),
        (.bugfix, ["bugfix"]),
        (.refactor, ["refactor", "misc", "v0-deprecation", "patch"]),
        (.ci, ["ci", "test", "main2main", "dependencies"]),
        (.doc, ["doc"]),
    ]

    /// Tags that say what a change does rather than where.
    static let doingLabels: Set<String> = ["revert", "bugfix", "performance", "feature", "model"]

    /// Title words of a speed-up.
    static let performanceWords = ["perf", "speed", "optimi", "faster", "fuse", "fusion", "accelerat", "overhead", "latency", "throughput"]

    /// Where a theme goes when a week has too many: a broader theme that can hold it (nil: the broadest).
    static func parent(of kind: ChangeKind) -> ChangeKind? {
        switch kind {
        case .quantization: .performance
        case .platform, .distributed, .model, .performance: .feature
        // A refactor reworks product code: it belongs with the framework work, not with CI upkeep.
        case .refactor: .feature
        case .revert: .bugfix
        case .doc, .other: .ci
        case .feature, .bugfix, .ci: nil
        }
    }

    public static func kind(title: String, labels: [String], files: [FileChange], paths: PathClassifier, kinds known: [PathKind]? = nil) -> ChangeKind {
        // An area tag says where the change is, an opening rework verb what it does: "[Kernel] Cleanup of the
        // batched RPA kernel" reworks a kernel, it does not speed one up. Tags that say what it does win.
        if Scoring.opensWithRework(title, labels: labels), !labels.contains(where: doingLabels.contains),
            !performanceWords.contains(where: title.lowercasedByBytes().containsBytes)
        {
            return .refactor
        }
        for theme in themes where labels.contains(where: theme.labels.contains) { return theme.key }
        let kinds = known ?? files.map { paths.kind($0.path) }
        if !kinds.isEmpty && kinds.allSatisfy({ $0 == .doc }) { return .doc }
        if !kinds.isEmpty && kinds.allSatisfy({ $0 == .test || $0 == .ci || $0 == .config }) { return .ci }
        let lower = title.lowercasedByBytes()
        if lower.hasPrefix("revert") { return .revert }
        if ["fix", "bug", "error", "crash", "wrong"].contains(where: lower.containsBytes) { return .bugfix }
        if performanceWords.contains(where: lower.containsBytes) { return .performance }
        if ["quant", "int8", "w8a8", "fp8"].contains(where: lower.containsBytes) { return .quantization }
        if ["support", "add", "enable", "implement", "introduce"].contains(where: lower.containsBytes) { return .feature }
        if ["refactor", "clean", "remove", "rename", "move"].contains(where: lower.containsBytes) { return .refactor }
        return .other
    }
}
