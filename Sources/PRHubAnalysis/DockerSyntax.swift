/// The two Dockerfile lines that pin versions, read from their words (they ran as regular expressions
/// once, on every changed Dockerfile line):
/// - `ARG VLLM_TAG=v0.16.0`: a build argument whose name ends in VERSION, TAG, REF or COMMIT;
/// - `FROM [--platform=…] image:tag` (or `image@digest`).
enum DockerSyntax {
    static let pinSuffixes = ["VERSION", "TAG", "REF", "COMMIT"]

    /// `VLLM_TAG=v0.16.0` from `ARG VLLM_TAG=v0.16.0 …`, or nil.
    static func pinnedArgument(_ line: String) -> String? {
        guard let rest = afterKeyword("arg", in: line), let equals = rest.firstIndex(of: "=") else { return nil }
        let name = rest[..<equals]
        let value = rest[rest.index(after: equals)...].prefix { !$0.isWhitespace }
        guard !value.isEmpty, name.utf8.allSatisfy(\.isASCIIWord), pinSuffixes.contains(where: { name.hasSuffix($0) }) else { return nil }
        // Concrete strings joined: Substring + String goes through the generic append.
        return String(name) + "=" + String(value)
    }

    /// `image:tag` (or `image@digest`) from `FROM [--platform=…] image:tag …`, or nil when the image has no tag.
    static func baseImage(_ line: String) -> String? {
        guard var rest = afterKeyword("from", in: line) else { return nil }
        if rest.hasPrefix("--platform=") {
            // The option is a word of its own, followed by blanks and then the image.
            let option = rest.prefix { !$0.isWhitespace }
            let blanks = rest[option.endIndex...].prefix { $0.isWhitespace }
            guard !blanks.isEmpty else { return nil }
            rest = rest[blanks.endIndex...]
        }
        let image = rest.prefix { !$0.isWhitespace && $0 != ":" && $0 != "@" }
        guard !image.isEmpty, image.endIndex < rest.endIndex, rest[image.endIndex] == ":" || rest[image.endIndex] == "@" else { return nil }
        let tag = rest[rest.index(after: image.endIndex)...].prefix { !$0.isWhitespace }
        guard !tag.isEmpty else { return nil }
        return String(image) + ":" + String(tag)
    }

    /// The text after `keyword` (any case) and at least one blank at the start of `line`.
    private static func afterKeyword(_ keyword: String, in line: String) -> Substring? {
        guard line.count > keyword.count, line.prefix(keyword.count).lowercased() == keyword else { return nil }
        let rest = line.dropFirst(keyword.count)
        let text = rest.drop { $0.isWhitespace }
        return text.startIndex == rest.startIndex ? nil : text
    }
}
