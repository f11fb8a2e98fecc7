import PRHubModel

/// A profile for a repository PRHub has no preset for, inferred from its history: the defaults for
/// tests, docs, CI, manifests and platforms, and as core the source folders most changes touch.
public enum ProfileInference {
    /// - Parameter pathCounts: for each path in the history, how many changes touched it.
    public static func infer(pathCounts: [String: Int], maxCoreFolders: Int = 5, minimumShare: Double = 0.08) -> RepositoryProfile {
        let classifier = PathClassifier(profile: RepositoryProfile())
        var folders: [String: Int] = [:]
        var total = 0
        for (path, count) in pathCounts where classifier.kind(path) == .code {
            let module = ModuleMapper.module(of: path)
            guard module != "(root)" else { continue }
            folders[module, default: 0] += count
            total += count
        }
        let core = Statistics.ranked(folders)
            .filter { total > 0 && Double($0.1) / Double(total) >= minimumShare }
            .prefix(maxCoreFolders)
            .map { folder(for: $0.0) }
        return RepositoryProfile(origin: "inferred", corePaths: Array(core)).filled()
    }

    /// A two-level module (`vllm_ascend/ops`) owns everything below it; a shallower one (`engine`,
    /// from `engine/envs.py`) only its own files, or it would swallow the whole package.
    static func folder(for module: String) -> PathPattern {
        let meaningful = module.split(separator: "/").filter { !ModuleMapper.wrappers.contains($0.lowercased()) }.count
        return PathPattern(module + (meaningful >= 2 ? "/" : "/*"))
    }
}
