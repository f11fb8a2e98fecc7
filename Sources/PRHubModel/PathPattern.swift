/// A gitignore-like path pattern from a repository profile.
///
/// - `tests` (no slash) matches any folder or file named so, at any depth; `*.md` any file ending so.
/// - `vllm/v1/engine/` (trailing slash) matches everything under that folder.
/// - `requirements/*.txt`, `docker/Dockerfile*`, `src/**/envs.py`: anchored at the root; `*` and `?`
///   stay within one path segment, `**` spans any number of segments.
public struct PathPattern: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String
    private let segments: [[UInt8]]
    private let anchored: Bool

    public init(_ text: String) {
        self.text = text
        var trimmed = text.hasPrefix("/") ? String(text.dropFirst()) : text
        let prefix = trimmed.hasSuffix("/")
        if prefix { trimmed += "**" }
        anchored = trimmed.contains("/")
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public var description: String { text }

    public func matches(_ path: String) -> Bool {
        matches(components: Self.components(path))
    }

    /// A path split into segments once, to test it against many patterns.
    public static func components(_ path: String) -> [[UInt8]] {
        path.utf8.split(separator: UInt8(ascii: "/")).map(Array.init)
    }

    public func matches(components parts: [[UInt8]]) -> Bool {
        if anchored { return Self.match(segments[...], parts[...]) }
        guard let only = segments.first else { return false }
        return parts.contains { Self.glob(only[...], $0[...]) }
    }

    private static let doubleStar: [UInt8] = Array("**".utf8)

    private static func match(_ pattern: ArraySlice<[UInt8]>, _ parts: ArraySlice<[UInt8]>) -> Bool {
        guard let head = pattern.first else { return parts.isEmpty }
        if head == doubleStar {
            let rest = pattern.dropFirst()
            if rest.isEmpty { return true }
            var index = parts.startIndex
            while index <= parts.endIndex {
                if match(rest, parts[index...]) { return true }
                index += 1
            }
            return false
        }
        guard let part = parts.first, glob(head[...], part[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// `*` and `?` within one segment (classic backtracking wildcard match).
    private static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var star: Int?
        var mark = t
        while t < text.endIndex {
            if p < pattern.endIndex && (pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = t
                p += 1
            } else if let s = star {
                p = s + 1
                mark += 1
                t = mark
            } else {
                return false
            }
        }
        while p < pattern.endIndex && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public static func == (a: PathPattern, b: PathPattern) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension Array where Element == PathPattern {
    public func matches(_ path: String) -> Bool { matches(components: PathPattern.components(path)) }
    public func matches(components: [[UInt8]]) -> Bool { contains { $0.matches(components: components) } }
}
