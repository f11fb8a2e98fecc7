import Foundation
import PRHubModel

/// Environment variables a diff introduces: names added to a registry (`envs.py`) or newly read through
/// `os.getenv`, `os.environ`, `getenv(`, `env::var`, `process.env`.
public struct EnvVarDetector: Sendable {
    let paths: PathClassifier

    public init(paths: PathClassifier) { self.paths = paths }

    static let readPatterns = [
        #"os\.getenv\(\s*["']([A-Z][A-Z0-9_]{2,})["']"#,
        #"os\.environ(?:\.get)?[\[(]\s*["']([A-Z][A-Z0-9_]{2,})["']"#,
        #"getenv\(\s*["']([A-Z][A-Z0-9_]{2,})["']"#,
        #"env::var\(\s*"([A-Z][A-Z0-9_]{2,})""#,
        #"process\.env\.([A-Z][A-Z0-9_]{2,})"#,
    ]
    /// Registry entries: `"VLLM_X": lambda …` or `VLLM_X: int = 0`.
    static let registryPatterns = [
        #"^\s*["']([A-Z][A-Z0-9]*_[A-Z0-9_]+)["']\s*:"#,
        #"^\s*([A-Z][A-Z0-9]*_[A-Z0-9_]+)\s*:\s*[A-Za-z\[\]., |]+\s*="#,
    ]

    /// The new names per file, or nil when the diff adds none.
    public func newVariables(_ changes: [String: LineChanges]) -> [(path: String, names: [String])] {
        changes.keys.sorted().compactMap { path in
            let diff = changes[path]!
            let registry = paths.isEnvRegistry(path)
            // A registry is authoritative; elsewhere a name must look like the project's own variables.
            let added = Self.names(in: diff.added, registry: registry).filter { registry || paths.isEnvName($0) }
            let removed = Set(Self.names(in: diff.removed, registry: registry))
            let new = added.filter { !removed.contains($0) }
            return new.isEmpty ? nil : (path, new)
        }
    }

    static func names(in lines: [String], registry: Bool) -> [String] {
        var result: [String] = []
        for line in lines {
            // Every read pattern names "env"; a registry entry has an underscore and a colon. Most lines
            // have neither, and skip the regexes.
            let reads = line.containsBytes("env")
            let entries = registry && line.containsBytes("_") && line.containsBytes(":")
            let patterns = (reads ? readPatterns : []) + (entries ? registryPatterns : [])
            for pattern in patterns {
                for match in ReferenceFinder.matches(pattern, in: line) where !result.contains(match[1]) {
                    result.append(match[1])
                }
            }
        }
        return result
    }
}
