/// The three ways a sentence names a PR, an issue or a commit, read from its UTF-8 bytes (these ran as
/// regular expressions once, and were the largest single cost of a week's analysis):
/// - a GitHub address `https://github.com/OWNER/NAME/(pull|issues|commit)/ID`;
/// - `#12` or `owner/name#12`, not inside a word, an address or an HTML entity (`&#12;`);
/// - `commit abc1234` (any case, 7 to 40 hex digits).
enum ReferenceSyntax {
    struct Address: Equatable {
        var owner: String, name: String, kind: String, id: String
    }

    /// Every `http(s)://github.com/OWNER/NAME/(pull|issues|commit)/HEX`, in order.
    static func addresses(in text: String) -> [Address] {
        let bytes = Array(text.utf8)
        let host = Array("github.com/".utf8)
        var found: [Address] = []
        var index = 0
        while let at = find(host, in: bytes, from: index) {
            index = at + host.count
            guard endsWith(bytes, at, "https://") || endsWith(bytes, at, "http://") else { continue }
            var cursor = index
            guard let owner = segment(bytes, &cursor), take(bytes, &cursor, UInt8(ascii: "/")),
                let name = segment(bytes, &cursor), take(bytes, &cursor, UInt8(ascii: "/"))
            else { continue }
            let kind = ["pull", "issues", "commit"].first { word in
                let utf8 = Array(word.utf8)
                return bytes.count - cursor > utf8.count && bytes[cursor..<cursor + utf8.count].elementsEqual(utf8)
                    && bytes[cursor + utf8.count] == UInt8(ascii: "/")
            }
            guard let kind else { continue }
            cursor += kind.utf8.count + 1
            let start = cursor
            while cursor < bytes.count, bytes[cursor].isASCIIHexDigit { cursor += 1 }
            guard cursor > start else { continue }
            found.append(Address(owner: owner, name: name, kind: kind, id: String(decoding: bytes[start..<cursor], as: UTF8.self)))
            index = cursor
        }
        return found
    }

    /// The text with every `http(s)://…` address (up to the next whitespace) replaced by a space.
    static func withoutAddresses(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let rest = bytes.count - index
            let scheme = rest >= 8 && startsWith(bytes, index, "https://") ? 8 : rest >= 7 && startsWith(bytes, index, "http://") ? 7 : 0
            // An address needs at least one character after its scheme.
            if scheme > 0, index + scheme < bytes.count, !bytes[index + scheme].isASCIIBlank {
                kept.append(UInt8(ascii: " "))
                index += scheme
                while index < bytes.count, !bytes[index].isASCIIBlank { index += 1 }
            } else {
                kept.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// Every `#N` (1 to 7 digits) with its `owner/name` when written in front, in order.
    static func numbers(in text: String) -> [(repository: String?, number: Int)] {
        let bytes = Array(text.utf8)
        var found: [(repository: String?, number: Int)] = []
        for (hash, number) in hashNumbers(bytes) {
            // `owner/name` right before the `#`, itself not preceded by a word character, `/`, `#` or `&`.
            let nameStart = startOfName(bytes, before: hash)
            if nameStart < hash, nameStart > 0, bytes[nameStart - 1] == UInt8(ascii: "/") {
                let ownerStart = startOfName(bytes, before: nameStart - 1)
                if ownerStart < nameStart - 1, ownerStart == 0 || !isForbidden(bytes, before: ownerStart) {
                    found.append((String(decoding: bytes[ownerStart..<hash], as: UTF8.self), number))
                    continue
                }
            }
            if hash == 0 || !isForbidden(bytes, before: hash) { found.append((nil, number)) }
        }
        return found
    }

    /// The numbers of `Fixes #12`, `closed #12`, `Resolves #12` (any case): what a PR says it closes.
    static func closedNumbers(in text: String) -> [Int] {
        let bytes = Array(text.utf8)
        var found: [Int] = []
        for (hash, number) in hashNumbers(bytes) {
            // Blanks, then the keyword as a whole word right before them.
            var wordEnd = hash
            while wordEnd > 0, bytes[wordEnd - 1].isASCIIBlank { wordEnd -= 1 }
            guard wordEnd < hash else { continue }
            var wordStart = wordEnd
            while wordStart > 0, bytes[wordStart - 1].isASCIIWord { wordStart -= 1 }
            guard wordStart == 0 || !isWord(bytes, at: scalarStart(bytes, containing: wordStart - 1)) else { continue }
            let word = String(decoding: bytes[wordStart..<wordEnd].map { $0 | 0x20 }, as: UTF8.self)
            if closingWords.contains(word) { found.append(number) }
        }
        return found
    }

    /// Every `#` followed by 1 to 7 digits and then no word character (`#12a` and `#12345678` name
    /// nothing): where the `#` stands and the number.
    private static func hashNumbers(_ bytes: [UInt8]) -> [(hash: Int, number: Int)] {
        bytes.indices.compactMap { hash in
            guard bytes[hash] == UInt8(ascii: "#") else { return nil }
            var end = hash + 1
            while end < bytes.count, bytes[end].isASCIIDigit { end += 1 }
            guard (1...7).contains(end - hash - 1), end == bytes.count || !isWord(bytes, at: end),
                let number = Int(String(decoding: bytes[hash + 1..<end], as: UTF8.self))
            else { return nil }
            return (hash, number)
        }
    }

    static let closingWords: Set<String> = ["fix", "fixes", "fixed", "close", "closes", "closed", "resolve", "resolves", "resolved"]

    /// Every sha after the word `commit` (any case, as a whole word) and whitespace: 7 to 40 hex digits.
    static func commits(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        let word = Array("commit".utf8)
        var found: [String] = []
        var index = 0
        while index + word.count < bytes.count {
            defer { index += 1 }
            guard bytes[index] | 0x20 == word[0], (0..<word.count).allSatisfy({ bytes[index + $0] | 0x20 == word[$0] }),
                index == 0 || !isWord(bytes, at: scalarStart(bytes, containing: index - 1))
            else { continue }
            var cursor = index + word.count
            let spaces = cursor
            while cursor < bytes.count, bytes[cursor].isASCIIBlank { cursor += 1 }
            let start = cursor
            while cursor < bytes.count, bytes[cursor].isASCIIHexDigit { cursor += 1 }
            guard start > spaces, (7...40).contains(cursor - start), cursor == bytes.count || !isWord(bytes, at: cursor)
            else { continue }
            found.append(String(decoding: bytes[start..<cursor], as: UTF8.self).lowercasedByBytes())
        }
        return found
    }

    // MARK: - Bytes

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func startsWith(_ bytes: [UInt8], _ index: Int, _ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        return bytes.count - index >= utf8.count && (0..<utf8.count).allSatisfy { bytes[index + $0] | 0x20 == utf8[$0] }
    }

    private static func endsWith(_ bytes: [UInt8], _ end: Int, _ word: String) -> Bool {
        let count = word.utf8.count
        return end >= count && startsWith(bytes, end - count, word)
    }

    /// A run of `[\w.-]` at `cursor`, moving past it; nil when empty.
    private static func segment(_ bytes: [UInt8], _ cursor: inout Int) -> String? {
        let start = cursor
        while cursor < bytes.count, isNamePart(bytes[cursor]) { cursor += 1 }
        return cursor > start ? String(decoding: bytes[start..<cursor], as: UTF8.self) : nil
    }

    private static func take(_ bytes: [UInt8], _ cursor: inout Int, _ byte: UInt8) -> Bool {
        guard cursor < bytes.count, bytes[cursor] == byte else { return false }
        cursor += 1
        return true
    }

    /// Where the run of `[\w.-]` characters that ends at `end` starts (`end` when there is none).
    private static func startOfName(_ bytes: [UInt8], before end: Int) -> Int {
        var start = end
        while start > 0 {
            let previous = scalarStart(bytes, containing: start - 1)
            guard isWord(bytes, at: previous) || bytes[previous] == UInt8(ascii: ".") || bytes[previous] == UInt8(ascii: "-") else { break }
            start = previous
        }
        return start
    }

    /// The character before `index` is a word character, `/`, `#` or `&`.
    private static func isForbidden(_ bytes: [UInt8], before index: Int) -> Bool {
        let previous = scalarStart(bytes, containing: index - 1)
        let byte = bytes[previous]
        return isWord(bytes, at: previous) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "&")
    }

    /// The first byte of the UTF-8 sequence that holds byte `index`.
    private static func scalarStart(_ bytes: [UInt8], containing index: Int) -> Int {
        var start = index
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// `\w` for the character starting at byte `index`: ASCII letters, digits and `_`; beyond ASCII, letters
    /// and digits of any script (the full-width `（` before `#12` is punctuation, as in the regex it replaces).
    private static func isWord(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        guard byte >= 0x80 else { return byte.isASCIIWord }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        guard let scalar = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// `[\w.-]` for the name segments of an address (ASCII; GitHub names are ASCII).
    private static func isNamePart(_ byte: UInt8) -> Bool { byte.isASCIIWord || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }
}
