/// Which source files sit on a project's core path: the engine, workers, schedulers, attention,
/// platform glue and configuration that every request goes through. Judged from path names until a
/// repository profile says otherwise.
public enum CorePaths {
    static let markers = [
        "worker", "model_runner", "scheduler", "engine", "executor", "attention", "platform", "forward_context",
        "core", "distributed", "kv_cache", "sampler", "mem_cache", "managers", "server_args", "config", "runtime",
    ]

    public static func isCore(_ path: String) -> Bool {
        guard PathKind(path: path) == .code else { return false }
        let lower = path.lowercased()
        // The package root (`vllm/`, `engine/`) names the whole project, not a core part of it.
        let parts = lower.split(separator: "/").dropFirst()
        return parts.contains { part in markers.contains { part.contains($0) } }
    }
}
