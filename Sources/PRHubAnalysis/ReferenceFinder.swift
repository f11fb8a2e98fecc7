import Foundation

/// Finds what a PR's title and description point at: same-repository PRs (`#123`, full URLs), commit
/// shas, and references to other repositories (kept apart as upstream references).
public struct ReferenceFinder: Sendable {
    public struct Reference: Sendable, Hashable {
        public enum Target: Sendable, Hashable {
            case pullRequest(Int)
            case commit(String)
            case upstream(String)
        }
        public var target: Target
        /// The sentence it was found in.
        public var sentence: String
    }

    let owner: String
    let name: String

    public init(repository: String) {
        let parts = repository.lowercased().split(separator: "/")
        owner = parts.first.map(String.init) ?? ""
        name = parts.count > 1 ? String(parts[1]) : ""
    }

    public func references(in text: String) -> [Reference] {
        var found: [Reference] = []
        // Cheap byte checks first: most sentences hold no reference at all.
        guard Self.hasNumberSign(text) || text.containsBytes("github.com") || text.containsBytes("ommit") else { return [] }
        for sentence in Self.sentencesWithLinks(text, where: Self.mayRefer) {
            let hasURL = sentence.containsBytes("github.com")
            let hasHash = Self.hasNumberSign(sentence)
            // "commit <sha>" needs the word and a space after it; a commit URL alone is handled above.
            let hasCommit = sentence.containsBytes("ommit ") || sentence.containsBytes("OMMIT ")
            guard hasURL || hasHash || hasCommit else { continue }
            for match in !hasURL ? [] : Self.matches(#"https?://github\.com/([\w.-]+)/([\w.-]+)/(pull|issues|commit)/([0-9a-fA-F]+)"#, in: sentence) {
                let sameRepo = match[1].lowercased() == owner && match[2].lowercased() == name
                if !sameRepo {
                    found.append(Reference(target: .upstream("\(match[1])/\(match[2])/\(match[3])/\(match[4])"), sentence: sentence))
                } else if match[3] == "commit" {
                    found.append(Reference(target: .commit(match[4].lowercased()), sentence: sentence))
                } else if let number = Int(match[4]) {
                    found.append(Reference(target: .pullRequest(number), sentence: sentence))
                }
            }
            let withoutURLs = sentence.containsBytes("://") ? sentence.replacing(pattern: #"https?://\S+"#, with: " ") : sentence
            for match in !hasHash ? [] : Self.matches(#"(?<![\w/#&])([\w.-]+/[\w.-]+)?#(\d{1,7})\b"#, in: withoutURLs) {
                guard let number = Int(match[2]) else { continue }
                if !match[1].isEmpty, match[1].lowercased() != "\(owner)/\(name)" {
                    found.append(Reference(target: .upstream("\(match[1])#\(number)"), sentence: sentence))
                } else {
                    found.append(Reference(target: .pullRequest(number), sentence: sentence))
                }
            }
            for match in !hasCommit ? [] : Self.matches(#"(?i)\bcommit\s+([0-9a-f]{7,40})\b"#, in: withoutURLs) {
                found.append(Reference(target: .commit(match[1].lowercased()), sentence: sentence))
            }
        }
        var seen = Set<Reference.Target>()
        return found.filter { seen.insert($0.target).inserted }
    }

    /// `#` followed by a digit (a heading's `### ` is not a reference).
    static func hasNumberSign(_ text: String) -> Bool {
        var previousWasHash = false
        for byte in text.utf8 {
            if previousWasHash && byte >= 0x30 && byte <= 0x39 { return true }
            previousWasHash = byte == UInt8(ascii: "#")
        }
        return false
    }

    /// Whether a text could hold a reference at all: `#1`, a GitHub address or the word commit (a
    /// template's version stamp does not count).
    static func mayRefer(_ text: String) -> Bool {
        if hasNumberSign(text) { return true }
        // A wrapped line joined to the stamp would sit in its paragraph: only `#N` is looked for there.
        guard !(text.hasPrefix("- vLLM") && DescriptionReader.isVersionStamp(text)) else { return false }
        return text.containsBytes("github.com") || text.containsBytes("ommit") || text.containsBytes("OMMIT")
    }

    /// Sentences of the text with hard-wrapped lines joined first, so a reference on the line after
    /// "the same way as" stays in that sentence. Only paragraphs that pass `filter` are split.
    static func sentencesWithLinks(_ text: String, where filter: (String) -> Bool = { _ in true }) -> [String] {
        DescriptionReader.paragraphs(text).filter(filter).flatMap { paragraph -> [String] in
            paragraph.split(separator: ". ").map { $0.trimmed() }
        }.filter { !$0.isEmpty }
    }

    /// Capture groups of every match; group 0 is the whole match, missing groups are "".
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = RegexCache.shared.regex(pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { result in
            (0..<result.numberOfRanges).map { index in
                let range = result.range(at: index)
                return range.location == NSNotFound ? "" : ns.substring(with: range)
            }
        }
    }
}
