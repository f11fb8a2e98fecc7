/// Names the module a file belongs to: its first two meaningful folders.
///
/// Wrapper folders (`python`, `src`, `v1`, `srt`, …) are kept in the name but do not count, so
/// `vllm/v1/worker/gpu_model_runner.py` is `vllm/v1/worker` and `vllm_ascend/ops/fused_moe/x.py` is
/// `vllm_ascend/ops`. A file at the top level belongs to `(root)`.
public enum ModuleMapper {
    static let wrappers: Set<String> = ["python", "src", "lib", "pkg", "v1", "v2", "srt", "internal", "sources", "source"]

    public static func module(of path: String) -> String {
        let directories = path.split(separator: "/").dropLast()
        guard !directories.isEmpty else { return "(root)" }
        var taken: [Substring] = []
        var meaningful = 0
        for directory in directories {
            taken.append(directory)
            if !wrappers.contains(directory.lowercased()) { meaningful += 1 }
            if meaningful == 2 { break }
        }
        return taken.joined(separator: "/")
    }
}
