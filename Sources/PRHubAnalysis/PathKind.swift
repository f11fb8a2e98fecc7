/// What a changed file is, judged from its path alone.
public enum PathKind: String, Sendable, CaseIterable {
    case test, doc, ci, code, config, other

    public init(path: String) {
        // ASCII letters lowercased and the rest compared as bytes: the names and extensions below are ASCII.
        // (Character-wise lowercasing and suffix tests made this the costliest part of judging a path.)
        let lower = Array(path.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 })
        let components = lower.split(separator: UInt8(ascii: "/"))
        let name = components.last ?? lower[...]
        let directories = components.dropLast()
        func named(_ names: [[UInt8]]) -> (ArraySlice<UInt8>) -> Bool { { part in names.contains { part.elementsEqual($0) } } }
        func ends(_ suffixes: [[UInt8]]) -> Bool { suffixes.contains { name.count >= $0.count && name.suffix($0.count).elementsEqual($0) } }
        func starts(_ prefix: [UInt8]) -> Bool { name.starts(with: prefix) }
        if directories.contains(where: named(Self.testFolders)) || starts(Self.testPrefix) || ends(Self.testSuffixes)
            || name.elementsEqual(Self.conftest)
        {
            self = .test
        } else if directories.first.map(named(Self.ciFolders)) == true || named(Self.ciFiles)(name) {
            self = .ci
        } else if named(Self.versionFiles)(name) && !directories.contains(where: named(Self.docFolders)) {
            // The project's own version: what a release bumps, not a text to read.
            self = .config
        } else if directories.contains(where: named(Self.docFolders))
            || ends(Self.docExtensions) && !starts(Self.requirements) && !name.elementsEqual(Self.cmakeLists)
            && !Self.contains(lower, Self.requirements)
        {
            self = .doc
        } else if ends(Self.codeExtensions) {
            self = .code
        } else if ends(Self.configExtensions) || starts(Self.requirements) || starts(Self.dockerfile)
            || name.elementsEqual(Self.cmakeLists) || name.elementsEqual(Self.makefile)
        {
            self = .config
        } else {
            self = .other
        }
    }

    private static func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }
    static let testFolders = bytes(["tests", "test", "testing", "unittests", "e2e", "benchmarks_test"])
    static let testPrefix = Array("test_".utf8)
    static let testSuffixes = bytes(["_test.py", "_test.go", "tests.swift", ".test.ts", ".spec.ts", "_test.cc", "_test.cpp"])
    static let conftest = Array("conftest.py".utf8)
    static let ciFolders = bytes([".github", ".buildkite", ".circleci", ".ci", "ci"])
    static let ciFiles = bytes([".pre-commit-config.yaml", "codecov.yml", ".gitlab-ci.yml"])
    static let docFolders = bytes(["docs", "doc", "documentation"])
    static let docExtensions = bytes([".md", ".rst", ".txt"])
    static let versionFiles = bytes(["version.txt", "version"])
    static let requirements = Array("requirements".utf8)
    static let cmakeLists = Array("cmakelists.txt".utf8)
    static let makefile = Array("makefile".utf8)
    static let dockerfile = Array("dockerfile".utf8)
    static let codeExtensions = bytes([
        ".py", ".pyi", ".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".cu", ".cuh", ".rs", ".go", ".swift", ".java",
        ".kt", ".ts", ".tsx", ".js", ".jsx", ".m", ".mm", ".sh", ".triton", ".asc", ".cl", ".metal", ".scala",
        ".rb", ".php", ".cs", ".lua", ".zig",
    ])
    static let configExtensions = bytes([".toml", ".yaml", ".yml", ".json", ".cfg", ".ini", ".cmake", ".in", ".lock"])

    private static func contains(_ text: [UInt8], _ part: [UInt8]) -> Bool {
        guard text.count >= part.count else { return false }
        return (0...(text.count - part.count)).contains { text[$0..<$0 + part.count].elementsEqual(part) }
    }
}
