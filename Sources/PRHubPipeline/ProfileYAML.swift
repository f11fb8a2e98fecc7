import Foundation
import PRHubModel
import Yams

/// Reads and writes repository profiles as YAML. A malformed file is one error naming its line.
public enum ProfileYAML {
    static let knownKeys: Set<String> = [
        "corePaths", "modules", "testPaths", "docsPaths", "ciPaths", "labelAliases", "platforms", "homePlatforms",
        "envVarPatterns", "envRegistries", "dependencyManifests", "bots", "llm",
    ]

    /// Throws `invalidProfile` with `source`, the line and what is wrong.
    public static func decode(_ text: String, source: String) throws -> RepositoryProfile {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PRHubError(.invalidProfile, "\(source): \(describe(error))")
        }
        guard let node else { return RepositoryProfile(origin: "file") }
        guard let mapping = node.mapping else {
            throw PRHubError(.invalidProfile, "\(source) line \(node.mark?.line ?? 1): a profile is a mapping of keys such as corePaths and modules")
        }
        for (key, _) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                throw PRHubError(.invalidProfile, "\(source) line \(key.mark?.line ?? 1): unknown key '\(key.string?.prefix(60) ?? "?")' (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
        }
        do {
            var profile = try YAMLDecoder().decode(RepositoryProfile.self, from: node)
            profile.origin = "file"
            for pattern in profile.envVarPatterns where (try? NSRegularExpression(pattern: pattern)) == nil {
                throw PRHubError(.invalidProfile, "\(source): envVarPatterns entry '\(pattern.prefix(60))' is not a regular expression")
            }
            return profile
        } catch let error as DecodingError {
            let (path, reason) = describe(error)
            let line = locate(path, in: node) ?? node.mark?.line ?? 1
            throw PRHubError(.invalidProfile, "\(source) line \(line): \(reason)")
        }
    }

    /// The profile as block-style YAML, keys in alphabetical order. Yams' own encoder copies its node on
    /// every element appended (40,000 core paths took half a minute); JSON, which is YAML, is made in one
    /// pass instead, composed once into nodes and emitted in block style.
    public static func encode(_ profile: RepositoryProfile) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(profile), as: UTF8.self)
        guard let node = try Yams.compose(yaml: json) else { return "{}\n" }
        return try Yams.serialize(node: blockStyle(node))
    }

    /// The same node with every collection in block style and every scalar in the plainest style that
    /// keeps its value (a string that reads as a number or a boolean stays quoted).
    static func blockStyle(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .doubleQuoted || scalar.style == .singleQuoted
            return .scalar(.init(scalar.string, scalar.tag, quoted && readsAsNonString(scalar.string) ? .doubleQuoted : .any))
        case .mapping(let mapping):
            return .mapping(.init(mapping.map { (blockStyle($0.key), blockStyle($0.value)) }, mapping.tag, .block))
        case .sequence(let sequence):
            return .sequence(.init(sequence.map(blockStyle), sequence.tag, .block))
        case .alias:
            return node
        }
    }

    /// Whether a string written plain would be read back as a boolean, null or number.
    static func readsAsNonString(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan"].contains(lower) { return true }
        if Double(text) != nil || lower.hasPrefix("0x") || lower.hasPrefix("0o") { return true }
        return text.first.map { "+-.0123456789".contains($0) } == true && text.allSatisfy { "+-._0123456789eE:".contains($0) }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "line \(mark.line): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "line \(context.mark.line): duplicated key \(duplicates.joined(separator: ", "))"
        default:
            return "not valid YAML"
        }
    }

    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (context.codingPath, "\(keyPath(context.codingPath)) should be \(readable(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "\(keyPath(context.codingPath)) needs a \(readable(type))")
        case .keyNotFound(let key, let context):
            return (context.codingPath, "\(keyPath(context.codingPath)) is missing '\(key.stringValue)'")
        case .dataCorrupted(let context):
            return (context.codingPath, "\(keyPath(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return ([], "not a valid profile")
        }
    }

    private static func readable(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.contains("Sequence") { return "a list" }
        if name.hasPrefix("Dictionary") || name.contains("KeyedDecodingContainer") || name.contains("Mapping") { return "a mapping" }
        return "a \(name.lowercased())"
    }

    private static func keyPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the profile" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The line of the deepest node the coding path reaches.
    private static func locate(_ path: [any CodingKey], in root: Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let child = node.mapping?[key.stringValue] {
                node = child
            } else {
                break
            }
            line = node.mark?.line ?? line
        }
        return line
    }
}
