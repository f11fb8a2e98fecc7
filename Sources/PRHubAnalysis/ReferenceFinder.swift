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
        let parts = repository.lowercasedByBytes().split(separator: "/")
        owner = parts.first.map(String.init) ?? ""
        name = parts.count > 1 ? String(parts[1]) : ""
    }

    public func references(in text: String) -> [Reference] {
        var found: [Reference] = []
        // Cheap byte checks first: most descriptions hold no reference at all.
        guard Self.hasNumberSign(text) || Self.mentionsOutsideStamp(text) else { return [] }
        for sentence in Self.sentencesThatMayRefer(text) {
            let hasURL = sentence.containsBytes("github.com")
            let hasHash = Self.hasNumberSign(sentence)
            // "commit <sha>" needs the word and a space after it; a commit URL alone is handled above.
            let hasCommit = sentence.containsBytes("ommit ") || sentence.containsBytes("OMMIT ")
            guard hasURL || hasHash || hasCommit else { continue }
            for address in !hasURL ? [] : ReferenceSyntax.addresses(in: sentence) {
                let sameRepo = address.owner.lowercasedByBytes() == owner && address.name.lowercasedByBytes() == name
                if !sameRepo {
                    found.append(Reference(
                        target: .upstream("\(address.owner)/\(address.name)/\(address.kind)/\(address.id)"), sentence: sentence))
                } else if address.kind == "commit" {
                    found.append(Reference(target: .commit(address.id.lowercasedByBytes()), sentence: sentence))
                } else if let number = Int(address.id) {
                    found.append(Reference(target: .pullRequest(number), sentence: sentence))
                }
            }
            let withoutURLs = sentence.containsBytes("://") ? ReferenceSyntax.withoutAddresses(sentence) : sentence
            for (repository, number) in !hasHash ? [] : ReferenceSyntax.numbers(in: withoutURLs) {
                if let repository, repository.lowercasedByBytes() != "\(owner)/\(name)" {
                    found.append(Reference(target: .upstream("\(repository)#\(number)"), sentence: sentence))
                } else {
                    found.append(Reference(target: .pullRequest(number), sentence: sentence))
                }
            }
            for sha in !hasCommit ? [] : ReferenceSyntax.commits(in: withoutURLs) {
                found.append(Reference(target: .commit(sha), sentence: sentence))
            }
        }
        var seen = Set<Reference.Target>()
        return found.filter { seen.insert($0.target).inserted }
    }

    /// `#` followed by a digit (a heading's `### ` is not a reference). `memchr` from one `#` to the next.
    static func hasNumberSign(_ text: some StringProtocol) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            while start < bytes.count, let hit = memchr(base + start, 0x23, bytes.count - start) {
                let next = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
                if next < bytes.count && bytes[next].isASCIIDigit { return true }
                start = next
            }
            return false
        }
        if let found { return found }
        var previousWasHash = false
        for byte in text.utf8 {
            if previousWasHash && byte.isASCIIDigit { return true }
            previousWasHash = byte == UInt8(ascii: "#")
        }
        return false
    }

    /// Whether a paragraph could hold a reference at all: `#1`, a GitHub address or the word commit (a
    /// template's version stamp does not count).
    static func mayRefer(_ text: String) -> Bool {
        // A wrapped line joined to the stamp would sit in its paragraph: only `#N` is looked for there.
        hasNumberSign(text) || !isStamp(text) && mentionsAddressOrCommit(text)
    }

    /// `mayRefer` for one raw line, without `#N`. A stamp always starts its paragraph, so a text none of
    /// whose lines passes (and with no `#N`) has no paragraph that passes `mayRefer` either.
    static func mayReferOnLine(_ line: Substring) -> Bool {
        let trimmed = line.trimmedSlice()
        return !isStamp(trimmed) && mentionsAddressOrCommit(trimmed)
    }

    /// Whether an address or the word commit stands on a line outside the version stamp: not the stamp
    /// line itself, nor the line its commit URL wrapped onto (`- vLLM main:` / `https://…/commit/…`). A text
    /// without `#N` where this is false has no paragraph passing `mayRefer`: every vllm-ascend description
    /// carries the stamp, and most nothing else that could refer.
    static func mentionsOutsideStamp(_ text: String) -> Bool {
        // Only the lines holding a mention are looked at, found by searching the whole text.
        for needle in ["github.com", "ommit", "OMMIT"] {
            var from = 0
            while let offset = text.byteOffset(of: needle, from: from) {
                from = offset + 1
                let line = lineBounds(text, containing: text.utf8.index(text.startIndex, offsetBy: offset))
                let trimmed = text[line].trimmedSlice()
                if isStamp(trimmed) { continue }
                // The line the stamp's URL wrapped onto is part of the stamp, unless it opens a block of its own.
                guard line.lowerBound != text.startIndex, !DescriptionReader.startsBlock(trimmed) else { return true }
                let previous = lineBounds(text, containing: text.utf8.index(before: line.lowerBound))
                if !isStamp(text[previous].trimmedSlice()) { return true }
            }
        }
        return false
    }

    /// The line (without its line feed) holding the byte at `index`; for a line feed, the line it ends.
    private static func lineBounds(_ text: String, containing index: String.Index) -> Range<String.Index> {
        let utf8 = text.utf8
        let start = utf8[..<index].lastIndex(of: 0x0A).map { utf8.index(after: $0) } ?? utf8.startIndex
        let end = utf8[index...].firstIndex(of: 0x0A) ?? utf8.endIndex
        return start..<end
    }

    private static func isStamp(_ text: some StringProtocol) -> Bool {
        text.utf8.starts(with: "- vLLM".utf8) && DescriptionReader.isVersionStamp(text)
    }

    private static func mentionsAddressOrCommit(_ text: some StringProtocol) -> Bool {
        text.containsBytes("github.com") || text.containsBytes("ommit") || text.containsBytes("OMMIT")
    }

    /// The sentences of paragraphs that pass `mayRefer`, with hard-wrapped lines joined first, so a
    /// reference on the line after "the same way as" stays in that sentence. A paragraph none of whose
    /// lines may refer cannot pass, so only the others are joined.
    static func sentencesThatMayRefer(_ text: String) -> [String] {
        let (lines, runs) = DescriptionReader.paragraphRuns(text)
        var sentences: [String] = []
        for run in runs where lines[run].contains(where: { hasNumberSign($0) || mayReferOnLine($0) }) {
            let paragraph = lines[run].joined(byte: UInt8(ascii: " "))
            guard mayRefer(paragraph) else { continue }
            for sentence in paragraph.splitOnSentenceGap() {
                let trimmed = sentence.trimmedSlice()
                if !trimmed.isEmpty { sentences.append(String(trimmed)) }
            }
        }
        return sentences
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
