/// A file that holds one pinned version or commit of another project, named after it:
/// `.buildkite/vllm_lkg.version` (the last vLLM commit known to work), `.github/vllm-main-verified.commit`.
/// Plugins of a fast-moving project pin its commit this way; each move of the pin is an update of that
/// dependency, though no manifest line names it.
enum PinFile {
    /// Endings that say a file holds a version or a commit.
    static let endings = [".version", ".commit"]

    /// Words of a pin file's name that say which pin it is, not what is pinned (`lkg`: last known good).
    static let qualifiers: Set<String> = [
        "lkg", "main", "verified", "release", "tag", "pinned", "pin", "last", "known", "good", "nightly", "stable", "latest",
        "commit", "version", "hash", "sha", "ref", "upstream", "current", "base",
    ]

    /// The pinned project a path names (`vllm` of `vllm_lkg.version`), or nil for another file or a name that
    /// is all qualifiers (the project's own `release.version`).
    static func package(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map { $0.lowercasedByBytes() } ?? ""
        guard let ending = endings.first(where: { name.hasSuffix($0) }) else { return nil }
        var words = name.dropLast(ending.count).split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        while let last = words.last, qualifiers.contains(last) { words.removeLast() }
        guard let first = words.first, !qualifiers.contains(first) else { return nil }
        return words.joined(separator: "-")
    }

    /// The pin a line holds, when it looks like one: a commit hash (7 to 64 hex digits) or a version
    /// (`v0.18.0`, `2.10.0rc1`). Anything else (a comment, a URL, synthetic text) is not shown as a version.
    static func pin(_ line: String) -> String? {
        let text = line.trimmed()
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        let isHex = bytes.count >= 7 && bytes.allSatisfy { $0.isASCIIDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }
        let digits = bytes.first == UInt8(ascii: "v") || bytes.first == UInt8(ascii: "V") ? bytes.dropFirst() : bytes[...]
        let isVersion = digits.first?.isASCIIDigit == true && digits.contains(UInt8(ascii: "."))
            && digits.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        return isHex || isVersion ? text : nil
    }
}
