import Foundation

/// `OWNER/NAME` as GitHub spells it; validated because it ends up in URLs, paths and SQL parameters.
public struct RepositoryName: Sendable, Hashable, Codable, CustomStringConvertible {
    public let owner: String
    public let name: String

    /// Throws `invalidRepositoryName` unless `text` is `OWNER/NAME` with GitHub's allowed characters.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isValidPart(parts[0]), Self.isValidPart(parts[1]) else {
            throw PRHubError(.invalidRepositoryName, "repository must be OWNER/NAME (letters, digits, '-', '_', '.'), got '\(text.prefix(200))'")
        }
        owner = String(parts[0])
        name = String(parts[1])
    }

    public var description: String { "\(owner)/\(name)" }

    private static func isValidPart(_ part: Substring) -> Bool {
        guard !part.isEmpty, part.count <= 100, part != ".", part != ".." else { return false }
        return part.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
        }
    }

    /// The owner/name of a GitHub remote URL (https, ssh or scp-like), or nil for other hosts.
    public static func fromRemoteURL(_ url: String) -> RepositoryName? {
        var rest = url.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["https://github.com/", "http://github.com/", "ssh://git@github.com/", "git@github.com:", "git://github.com/"]
        where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count))
            if rest.hasSuffix("/") { rest.removeLast() }
            if rest.hasSuffix(".git") { rest.removeLast(4) }
            return try? RepositoryName(rest)
        }
        return nil
    }
}
