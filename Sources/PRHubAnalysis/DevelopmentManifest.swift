/// Requirement lists that install the project's own tooling rather than what its users get: named or kept
/// for development, tests, lint, docs, CI or benchmarks (`requirements-dev.txt`, `requirements_benchmarking.txt`,
/// `requirements/test.txt`, `docs/requirements.txt`). A change there is still a dependency change, but no user
/// inherits it. Images are left alone: a CI image's pin can be the upstream commit every user follows.
enum DevelopmentManifest {
    static let purposes: Set<Substring> = [
        "dev", "develop", "development", "test", "tests", "testing", "lint", "linting", "doc", "docs", "ci", "bench",
        "benchmark", "benchmarks", "benchmarking",
    ]

    /// Whether a requirement list (`requirements*.txt` / `.in`, or any list under `requirements/`) names such
    /// a purpose in its folders or its name (words split at `/ - _ .`).
    static func isDevelopment(_ path: String) -> Bool {
        let words = path.lowercasedByBytes().split(whereSeparator: { "/-_.".contains($0) })
        guard words.contains(where: { $0.hasPrefix("requirements") }), ["txt", "in"].contains(words.last) else { return false }
        return words.contains(where: purposes.contains)
    }
}
