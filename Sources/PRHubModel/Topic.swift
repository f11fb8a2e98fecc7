/// What a theme of the week is about: a model family, a hardware platform or a subsystem. Its key is the
/// same in every language; writers name it.
public enum Topic: Hashable, Sendable, Comparable {
    /// A model family (`qwen`), shown with the variants the week's titles name (`Qwen3.5 / Qwen3-VL`).
    case modelFamily(String)
    /// A hardware platform other than the mainline one (`310P`, `ROCm`).
    case hardware(String)
    case subsystem(Subsystem)

    public enum Subsystem: String, Sendable, CaseIterable, Comparable {
        case speculativeDecoding = "spec-decode"
        case disaggregation = "pd-disaggregation"
        case kvCache = "kv-cache"
        case quantization
        case moe
        case attention
        case kernels
        case graphMode = "graph-mode"
        case multimodal
        case lora
        case structuredOutput = "structured-output"
        case parallelism
        case scheduling
        case modelRunner = "model-runner"
        case sampling
        case serving
        case memory
        case release
        case ci
        case docs

        public static func < (a: Subsystem, b: Subsystem) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// `model:qwen`, `hardware:310P`, `spec-decode`.
    public var key: String {
        switch self {
        case .modelFamily(let name): "model:\(name)"
        case .hardware(let name): "hardware:\(name)"
        case .subsystem(let subsystem): subsystem.rawValue
        }
    }

    public init?(key: String) {
        if key.hasPrefix("model:") {
            self = .modelFamily(String(key.dropFirst(6)))
        } else if key.hasPrefix("hardware:") {
            self = .hardware(String(key.dropFirst(9)))
        } else if let subsystem = Subsystem(rawValue: key) {
            self = .subsystem(subsystem)
        } else {
            return nil
        }
    }

    /// Upkeep topics (CI, docs) come after product work when themes tie.
    public var isUpkeep: Bool { self == .subsystem(.ci) || self == .subsystem(.docs) }

    public static func < (a: Topic, b: Topic) -> Bool { a.key < b.key }
}
