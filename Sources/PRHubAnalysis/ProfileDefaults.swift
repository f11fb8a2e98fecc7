import PRHubModel

/// What a profile holds when it says nothing about a topic. `filled()` writes these in, so that
/// `prhub profile` prints a complete file that is ready to edit.
public enum ProfileDefaults {
    public static let testPaths: [PathPattern] = ["tests", "test", "testing", "e2e", "test_*.py", "*_test.py", "*_test.go", "conftest.py"].map(PathPattern.init)
    public static let docsPaths: [PathPattern] = ["docs", "doc", "*.md", "*.rst"].map(PathPattern.init)
    public static let ciPaths: [PathPattern] = [".github/", ".buildkite/", ".circleci/", ".ci/", "ci/", ".pre-commit-config.yaml"].map(PathPattern.init)
    public static let dependencyManifests: [PathPattern] = [
        "requirements*.txt", "requirements*.in", "requirements/", "pyproject.toml", "setup.py", "setup.cfg", "Dockerfile*",
        "*.dockerfile", "package.json", "go.mod", "Cargo.toml", "Package.swift", "*.version", "*.commit",
    ].map(PathPattern.init)
    public static let envRegistries: [PathPattern] = ["envs.py", "env.py", "environment_variables.py", "*_envs.py", "environ.py"].map(PathPattern.init)
    public static let platforms: [RepositoryProfile.Platform] = [
        .init(name: "ROCm", keywords: ["rocm", "hip", "amd", "mi300", "mi300x", "mi325", "mi350", "mi355", "aiter"]),
        .init(name: "XPU", keywords: ["xpu", "intel"]),
        .init(name: "NPU", keywords: ["npu", "ascend"]),
        .init(name: "310P", keywords: ["310p"]),
        .init(name: "Ascend950", keywords: ["ascend950", "950", "a5"]),
        .init(name: "A2/A3", keywords: ["a2", "a3", "910b", "910c"]),
        .init(name: "MUSA", keywords: ["musa"]),
        .init(name: "TPU", keywords: ["tpu", "tpus"]),
        .init(name: "CPU", keywords: ["cpu", "cpu_binding", "numa", "cpu binding", "cpu affinity", "irq binding"]),
        .init(name: "ARM", keywords: ["arm", "arm64", "aarch64"]),
        .init(name: "x86", keywords: ["x86", "amd64"]),
        .init(name: "macOS", keywords: ["macos", "darwin", "mps"]),
        .init(name: "Windows", keywords: ["windows", "win32"]),
        .init(name: "Blackwell", keywords: ["blackwell", "sm100", "sm120", "b200", "gb200", "b300"]),
        .init(name: "Hopper", keywords: ["hopper", "sm90", "h100", "h200", "h20"]),
        .init(name: "Gaudi", keywords: ["hpu", "gaudi"]),
    ]
}

extension RepositoryProfile {
    /// This profile with every empty list replaced by PRHub's defaults.
    public func filled() -> RepositoryProfile {
        var copy = self
        if copy.testPaths.isEmpty { copy.testPaths = ProfileDefaults.testPaths }
        if copy.docsPaths.isEmpty { copy.docsPaths = ProfileDefaults.docsPaths }
        if copy.ciPaths.isEmpty { copy.ciPaths = ProfileDefaults.ciPaths }
        if copy.dependencyManifests.isEmpty { copy.dependencyManifests = ProfileDefaults.dependencyManifests }
        if copy.envRegistries.isEmpty { copy.envRegistries = ProfileDefaults.envRegistries }
        if copy.platforms.isEmpty { copy.platforms = ProfileDefaults.platforms }
        return copy
    }
}
