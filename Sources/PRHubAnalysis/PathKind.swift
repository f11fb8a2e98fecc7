/// What a changed file is, judged from its path alone.
public enum PathKind: String, Sendable, CaseIterable {
    case test, doc, ci, code, config, other

    public init(path: String) {
        let lower = path.lowercased()
        let components = lower.split(separator: "/")
        let name = components.last.map(String.init) ?? lower
        let directories = components.dropLast()
        if directories.contains(where: { ["tests", "test", "testing", "unittests", "e2e", "benchmarks_test"].contains($0) })
            || name.hasPrefix("test_") || name.hasSuffix("_test.py") || name.hasSuffix("_test.go")
            || name.hasSuffix("tests.swift") || name.hasSuffix(".test.ts") || name.hasSuffix(".spec.ts")
            || name.hasSuffix("_test.cc") || name.hasSuffix("_test.cpp") || name == "conftest.py"
        {
            self = .test
        } else if directories.first.map({ [".github", ".buildkite", ".circleci", ".ci", "ci"].contains($0) }) == true
            || name == ".pre-commit-config.yaml" || name == "codecov.yml" || name == ".gitlab-ci.yml"
        {
            self = .ci
        } else if directories.contains(where: { ["docs", "doc", "documentation"].contains($0) })
            || [".md", ".rst", ".txt"].contains(where: { name.hasSuffix($0) }) && !name.hasPrefix("requirements")
            && name != "cmakelists.txt" && !lower.containsBytes("requirements")
        {
            self = .doc
        } else if Self.codeExtensions.contains(where: { name.hasSuffix($0) }) {
            self = .code
        } else if Self.configExtensions.contains(where: { name.hasSuffix($0) }) || name.hasPrefix("requirements")
            || name.hasPrefix("dockerfile") || name == "cmakelists.txt" || name == "makefile"
        {
            self = .config
        } else {
            self = .other
        }
    }

    static let codeExtensions = [
        ".py", ".pyi", ".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".cu", ".cuh", ".rs", ".go", ".swift", ".java",
        ".kt", ".ts", ".tsx", ".js", ".jsx", ".m", ".mm", ".sh", ".triton", ".asc", ".cl", ".metal", ".scala",
        ".rb", ".php", ".cs", ".lua", ".zig",
    ]
    static let configExtensions = [".toml", ".yaml", ".yml", ".json", ".cfg", ".ini", ".cmake", ".in", ".lock"]
}
