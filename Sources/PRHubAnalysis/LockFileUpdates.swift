import Foundation
import PRHubModel

/// Version updates that only a lock file shows (`uv.lock`, `poetry.lock`, `Cargo.lock`, `package-lock.json`
/// …). Lock files are not read line by line — they are large and mostly transitive pins — so the package
/// comes from the title a dependency bot writes: "Bump aiohttp from 3.13.4 to 3.14.0", "chore(deps): bump x
/// from 1 to 2 in /dir", "Update dependency x to v2". A lock file changed without such a title names no
/// package and is not reported: the manifest beside it, when it changed, says what the author meant.
enum LockFileUpdates {
    static let lockFiles: Set<String> = [
        "uv.lock", "poetry.lock", "pdm.lock", "pipfile.lock", "pylock.toml", "cargo.lock", "package-lock.json", "yarn.lock",
        "pnpm-lock.yaml", "go.sum", "package.resolved", "gemfile.lock", "composer.lock", "conda-lock.yml",
    ]

    /// The longest name above, in bytes: a longer file name is no lock file, without being copied.
    static let longestName = lockFiles.map(\.utf8.count).max() ?? 0

    static func isLockFile(_ path: String) -> Bool {
        // Asked of every file of every PR: the name is found and measured in place.
        let bytes = path.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map(bytes.index(after:)) ?? bytes.startIndex
        guard bytes.distance(from: start, to: bytes.endIndex) <= longestName else { return false }
        return lockFiles.contains(String(Substring(bytes[start...])).lowercasedByBytes())
    }

    /// "bump NAME from A to B" and "update dependency NAME to B", at the start of a title (after a
    /// conventional-commit prefix such as `chore(deps):` or a `[Deps]` tag).
    private static let bump = try! NSRegularExpression(
        pattern: #"^(?:\[[^\]]*\]\s*|[a-z]+(?:\([^)]*\))?!?:\s*)*(?:bump|update|upgrade)\s+(?:dependency\s+)?`?([A-Za-z0-9_.@/\[\]-]+)`?\s+(?:from\s+v?([0-9][^\s]*)\s+)?to\s+v?([0-9][^\s]*)"#,
        options: [.caseInsensitive])

    static func updates(title: String, files: [FileChange]) -> [RiskFinding.PackageChange] {
        guard let lock = files.first(where: { isLockFile($0.path) }) else { return [] }
        let range = NSRange(title.startIndex..., in: title)
        guard let match = bump.firstMatch(in: title, range: range),
              let name = Range(match.range(at: 1), in: title).map({ String(title[$0]) }),
              let to = Range(match.range(at: 3), in: title).map({ String(title[$0]) })
        else { return [] }
        let from = Range(match.range(at: 2), in: title).map { String(title[$0]) }
        return [RiskFinding.PackageChange(name: name, change: .updated, path: lock.path, from: from, to: to)]
    }
}
