import Foundation

/// Reads a PR description the way a reviewer skims it: drops the template, keeps what the author said.
public struct DescriptionReader: Sendable {
    /// The description without template headings, comments, checklists and sign-offs.
    public let prose: String
    /// The first sentences of the part that says what the PR does (at most about 300 characters).
    public let summary: String
    /// The description without HTML comments (template instructions live there).
    let body: String
    /// `prose` lowercased, once: three of the questions below search it.
    let lowerProse: String
    /// The lines of `body`, and each heading among them (its line index and lowercased text), split once
    /// for the two sections read from them (the purpose and the user-facing answer).
    private let lines: [Line]
    private let headings: [(line: Int, lower: String)]

    public init(body: String) {
        self.body = Self.stripComments(body)
        // Lines are split once, from the text `clean` reads (CRLF as LF), for the prose and both sections.
        lines = Self.splitLines(self.body)
        headings = lines.indices.compactMap { [lines] index in
            Self.isHeading(lines[index].trimmed) ? (index, lines[index].raw.lowercasedByBytes()) : nil
        }
        let proseLines = Self.cleanLines(lines[...])
        prose = Self.joined(proseLines)
        lowerProse = prose.lowercasedByBytes()
        claims = Self.claims(in: prose, lowercased: lowerProse)
        // The summary reads the cleaned lines themselves: joining them and splitting the text again was waste.
        let purpose = Self.sectionLines(under: Self.purposeTitles, lines: lines, headings: headings) ?? proseLines
        summary = Self.summarize(trimmedLines: purpose.map(\.trimmed))
    }

    /// Removes `<!-- … -->` blocks (an unclosed one runs to the end).
    static func stripComments(_ text: String) -> String {
        guard text.containsBytes("<!--") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.range(of: "<!--") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return result }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// Claimed results: sentences with a speed-up, a percentage or a latency/throughput figure.
    public let claims: [String]

    static let metricWords = ["throughput", "bandwidth", "tflops", "gb/s", "tb/s", "latency", "ttft", "tpot", "speedup", "speed-up", "faster", "accuracy", "memory", "qps", "tps", "improve", "reduce", "提升", "降低"]

    static func claims(in prose: String, lowercased lowerProse: String) -> [String] {
        // Most descriptions name no metric at all: one look at the whole text spares splitting it.
        guard mayClaim(prose) else { return [] }
        guard metricWords.contains(where: { lowerProse.containsBytes($0) }) else { return [] }
        // The exact figure test over the whole text, once: most texts that pass the loose checks above
        // ("2 tests", "1 model") hold no figure, and splitting them into sentences is the costly part.
        guard hasFigure(lowerProse) else { return [] }
        var seen = Set<String>()
        return sentences(prose).filter { sentence in
            let lower = sentence.lowercasedByBytes()
            let hasMetric = metricWords.contains { lower.containsBytes($0) }
            // The figure test only runs on sentences that already name a metric; a claim pasted twice counts once.
            return hasMetric && lower.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) && hasFigure(lower)
                && seen.insert(sentence).inserted
        }.map { Self.clip($0, 240) }
    }

    /// The units of a claimed figure, lowercased: a speed-up, a share, a time, a rate (kernels are measured in
    /// bandwidth and TFLOPS). The one list: `FigureReader` reads figures with the same units.
    static let unitNames = ["x", "×", "%", "ms", "us", "µs", "tok/s", "tokens/s", "gb/s", "tb/s", "tflops"]
    static let units: [[UInt8]] = unitNames.map { Array($0.utf8) }
    /// The first bytes of the units (`×` is C3 97 and `µ` C2 B5 in UTF-8).
    static let unitStarts = Set(units.map { $0[0] })

    /// Whether a lowercased sentence holds a figure with a unit: a number (`3`, `1.8`), optional whitespace,
    /// then one of `units` not followed by a letter (`8 months` is no figure).
    /// The regex `\d+(\.\d+)?\s*(x|×|%|ms|…)(?![a-z])`, tried from every digit, on the bytes
    /// (digits, units and the letters after them are ASCII or `×`; only whitespace needs decoding).
    static func hasFigure(_ lower: String) -> Bool {
        var lower = lower
        lower.makeContiguousUTF8()
        return lower.utf8.withContiguousStorageIfAvailable { text in
            func isDigit(_ index: Int) -> Bool { index < text.count && text[index].isASCIIDigit }
            for start in text.indices where text[start].isASCIIDigit {
                var end = start
                while isDigit(end) { end += 1 }
                if end < text.count, text[end] == UInt8(ascii: "."), isDigit(end + 1) {
                    end += 1
                    while isDigit(end) { end += 1 }
                }
                while end < text.count {
                    let (scalar, length) = UTF8Bytes.scalar(in: text, at: end)
                    guard scalar.properties.isWhitespace else { break }
                    end += length
                }
                for unit in units where text[end...].starts(with: unit) {
                    let after = end + unit.count
                    if after == text.count || !(0x61...0x7A).contains(text[after]) { return true }  // Not before a-z.
                }
            }
            return false
        } ?? false
    }

    /// Whether some number is followed (after digits, dots and spaces) by the first byte of a unit a claim
    /// needs. A byte scan, so the sentence splitting and the regex run only where one is.
    static func mayClaim(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { index += 1; continue }
            var next = index + 1
            while next < bytes.count, (bytes[next] >= 0x30 && bytes[next] <= 0x39) || bytes[next] == UInt8(ascii: ".") || bytes[next] == UInt8(ascii: " ") {
                next += 1
            }
            if next < bytes.count {
                // Letters are compared lowercased (a loose test: it only decides whether the exact one runs).
                if unitStarts.contains(bytes[next]) || unitStarts.contains(bytes[next] | 0x20) { return true }
            }
            index = next
        }
        return false
    }

    /// What the author says users will notice, from the template's "user-facing change" answer;
    /// nil when the answer is no, none or missing.
    public var userFacingChange: String? {
        guard let answer = Self.section(under: ["user-facing change", "user facing change"], lines: lines, headings: headings) else {
            return nil
        }
        let plain = Self.stripMarkdown(answer).trimmed()
        let lower = plain.lowercasedByBytes()
        let negative = ["no", "none", "n/a", "na", "nope", "无", "否", "没有"]
        // "No." or "No, this is an internal refactor …": the answer is its first word, whatever follows.
        let firstWord = lower.prefix { $0.isLetter || $0 == "/" }
        if plain.isEmpty || negative.contains(String(firstWord)) || negative.contains(lower) { return nil }
        let sentences = Self.sentences(plain)
        guard var answer = sentences.first else { return nil }
        // A bare "Yes." says nothing a reader can act on: the sentence after it says what changes.
        if firstWord == "yes", answer.count <= 4, sentences.count > 1 { answer += " " + sentences[1] }
        return Self.clip(answer, 200)
    }

    /// A sentence announcing a breaking change or a removal users must act on, if any.
    public var breakingChange: String? {
        guard ["breaking", "incompatible", "no longer supported", "deprecated"].contains(where: lowerProse.containsBytes)
        else { return nil }
        // Quoted output (a warning that something "is deprecated" shown before and after) says nothing of this PR.
        let statements = prose.containsBytes("```") ? prose.replacing(pattern: #"```[\s\S]*?```"#, with: " ") : prose
        return Self.sentences(statements).first { sentence in
            let lower = sentence.lowercasedByBytes()
            let marked = lower.containsBytes("breaking change") || sentence.contains("BREAKING") || lower.containsBytes("backward incompatible")
                || lower.containsBytes("backwards incompatible") || lower.containsBytes("no longer supported") || lower.containsBytes("is deprecated")
            let denied = ["no breaking", "not a breaking", "non-breaking", "without breaking", "not breaking"].contains { lower.containsBytes($0) }
            return marked && !denied
        }.map { Self.clip($0, 200) }
    }

    /// True when the author explains causes or choices, not only what changed.
    public var explainsReasoning: Bool {
        ["because", "root cause", "instead of", "previously", "so that", "trade-off", "tradeoff", "the reason",
            "caused by", "in order to", "design", "原因", "因为", "导致"].contains { lowerProse.containsBytes($0) }
    }

    // MARK: - Cleaning

    static let templateHeadings = [
        "what this pr does", "why we need it", "does this pr introduce", "how was this patch tested",
        "checklist", "test plan", "test result", "purpose", "motivation", "summary", "description", "modifications",
    ]

    /// Expects comments already stripped. Judges each line by its bytes: a week's descriptions hold
    /// tens of thousands of lines, and copying and lowercasing each one dominated the analysis.
    static func clean(_ body: String) -> String {
        joined(cleanLines(splitLines(body)[...]))
    }

    /// A line as written and trimmed: the trimmed form is read several times per line.
    struct Line {
        let raw: Substring
        let trimmed: Substring
    }

    /// The lines `clean` reads (CRLF as LF), each with its trimmed form.
    static func splitLines(_ text: String) -> [Line] {
        withUnixLineEnds(text).lines().map { Line(raw: $0, trimmed: $0.trimmedSlice()) }
    }

    static func withUnixLineEnds(_ text: String) -> String {
        text.containsBytes("\r") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    /// The lines `clean` keeps: no template lines, no blank line first, last or twice in a row.
    static func cleanLines(_ lines: ArraySlice<Line>) -> [Line] {
        var kept: [Line] = []
        var lastBlank = true  // No blank line at the start, none twice in a row.
        for line in lines {
            if line.trimmed.isEmpty {
                // A line of other (Unicode) whitespace counts as blank too.
                if !lastBlank { kept.append(line) }
                lastBlank = true
                continue
            }
            if isTemplateLine(line.trimmed) { continue }
            kept.append(line)
            lastBlank = false
        }
        while kept.last?.trimmed.isEmpty == true { kept.removeLast() }
        return kept
    }

    /// Kept lines as one text trimmed at both ends: the first line without its leading whitespace, the last
    /// without its trailing whitespace.
    static func joined(_ kept: [Line]) -> String {
        guard let first = kept.first, let last = kept.last else { return "" }
        var parts = kept.map(\.raw)
        parts[0] = first.raw[first.trimmed.startIndex...]
        parts[parts.count - 1] = kept.count == 1 ? first.trimmed : last.raw[..<last.trimmed.endIndex]
        return parts.joined(byte: UInt8(ascii: "\n"))
    }

    /// `s`/`c` (sign-offs), `-` (checklists, stamps, rules), `=`, `_`, `*` (rules), `#` (headings).
    static let templateLineStarts: Set<UInt8> = Set("sScC-=_*#".utf8)

    /// Sign-offs, checklist items, version stamps, rules (`---`) and template headings.
    static func isTemplateLine(_ trimmed: Substring) -> Bool {
        // Every template line opens with one of these bytes; most lines of prose do not.
        guard let first = trimmed.utf8.first else { return true }
        guard Self.templateLineStarts.contains(first) else { return false }
        if trimmed.hasPrefixIgnoringCase("signed-off-by:") || trimmed.hasPrefixIgnoringCase("co-authored-by:") { return true }
        if trimmed.hasPrefixIgnoringCase("- [ ]") || trimmed.hasPrefixIgnoringCase("- [x]") { return true }
        if isVersionStamp(trimmed) { return true }
        if trimmed.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "*") }) {
            return true
        }
        if isHeading(trimmed) {
            let lower = trimmed.lowercasedByBytes()
            return templateHeadings.contains { lower.containsBytes($0) }
        }
        return false
    }

    /// The `- vLLM version: …` / `- vLLM main: <commit URL>` lines vllm-ascend's template stamps on every PR:
    /// not the author's words, and not a reference the author made.
    static func isVersionStamp(_ line: some StringProtocol) -> Bool {
        line.hasPrefixIgnoringCase("- vllm version:") || line.hasPrefixIgnoringCase("- vllm main:")
    }

    static let purposeTitles = ["what this pr does", "summary", "purpose", "motivation", "description", "what does this pr do"]

    /// The cleaned text between the first heading naming one of `titles` (lowercase) and the next heading.
    private static func section(under titles: [String], lines: [Line], headings: [(line: Int, lower: String)]) -> String? {
        sectionLines(under: titles, lines: lines, headings: headings).map(joined)
    }

    /// The lines of `section(under:)`, cleaned; nil when there is no such section or nothing is left of it.
    private static func sectionLines(under titles: [String], lines: [Line], headings: [(line: Int, lower: String)]) -> [Line]? {
        guard let start = headings.firstIndex(where: { heading in titles.contains { heading.lower.containsBytes($0) } }) else { return nil }
        let end = start + 1 < headings.count ? headings[start + 1].line : lines.count
        let kept = cleanLines(lines[(headings[start].line + 1)..<end])
        return kept.isEmpty ? nil : kept
    }

    /// The first sentences, up to about 300 characters, of text given as its trimmed lines; only the
    /// paragraphs it needs are joined and cleaned.
    static func summarize(trimmedLines lines: [Substring]) -> String {
        var summary = ""
        paragraphs: for run in paragraphRuns(trimmedLines: lines) {
            for sentence in sentences(stripMarkdown(lines[run].joined(byte: UInt8(ascii: " ")))) {
                if summary.characterCount + sentence.characterCount > 300 && !summary.isEmpty { break paragraphs }
                summary += summary.isEmpty ? sentence : " " + sentence
                if summary.characterCount >= 120 { break paragraphs }
            }
        }
        return clip(summary, 320)
    }

    static func stripMarkdown(_ text: String) -> String {
        // Each rewrite runs only when its trigger is in the text: most paragraphs are plain prose.
        var result = text
        if result.containsBytes("```") { result = result.replacing(pattern: #"```[\s\S]*?```"#, with: " ") }
        if result.containsBytes("](") {
            result = result.replacing(pattern: #"!\[[^\]]*\]\([^)]*\)"#, with: "")
            result = result.replacing(pattern: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1")
        }
        if hasBlockMarker(result) { result = result.replacing(pattern: #"(?m)^\s*(#+|[-*+]|\d+\.|>)\s+"#, with: "") }
        if result.containsBytes("**") || result.containsBytes("__") || result.containsBytes("`") {
            result = withoutEmphasis(result)
        }
        if result.containsBytes("<") { result = result.replacing(pattern: #"<[^>]{0,200}>"#, with: "") }
        return result
    }

    /// The text without `**`, `__` and backticks (left to right, as the regex `\*\*|__|`` would remove them).
    static func withoutEmphasis(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                index += 1
            } else if (byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")), index + 1 < bytes.count, bytes[index + 1] == byte {
                index += 2
            } else {
                kept.append(byte)
                index += 1
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// Whether some line starts (after spaces) with a heading, list, numbering or quote marker.
    static func hasBlockMarker(_ text: String) -> Bool {
        var atLineStart = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                atLineStart = true
            } else if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ">"), 0x30...0x39: return true
                default: atLineStart = false
                }
            }
        }
        return false
    }

    /// Splits paragraphs into sentences; keeps sentences that carry words.
    /// A `.`, `!` or `?` ends a sentence only before whitespace, so `3.5`, `e.g.x` and URLs stay whole; the
    /// whitespace after it is dropped. `。！？；` end one where they stand. Scans UTF-8 bytes: the ends are
    /// ASCII or fixed three-byte sequences, and a scalar-by-scalar walk was a tenth of the analysis.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        for paragraph in paragraphs(text) {
            let utf8 = paragraph.utf8
            var start = utf8.startIndex
            var index = start
            while index != utf8.endIndex {
                let byte = utf8[index]
                var next = utf8.index(after: index)
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") {
                    if let after = whitespaceEnd(paragraph, at: next) {
                        append(&result, paragraph[start..<next])
                        start = after
                        next = after
                    }
                } else if byte == 0xE3 || byte == 0xEF, let end = fullWidthStop(utf8, at: index) {
                    append(&result, paragraph[start..<end])
                    start = end
                    next = end
                }
                index = next
            }
            append(&result, paragraph[start...])
        }
        return result
    }

    /// Where the whitespace scalar at `index` ends, or nil when there is none there.
    private static func whitespaceEnd(_ text: String, at index: String.Index) -> String.Index? {
        guard index != text.utf8.endIndex else { return nil }
        let byte = text.utf8[index]
        if byte < 0x80 { return isASCIIWhitespace(byte) ? text.utf8.index(after: index) : nil }
        return text.unicodeScalars[index].properties.isWhitespace ? text.unicodeScalars.index(after: index) : nil
    }

    /// The end of a `。` (E3 80 82), `！` (EF BC 81), `？` (EF BC 9F) or `；` (EF BC 9B) starting at `index`.
    private static func fullWidthStop(_ utf8: String.UTF8View, at index: String.Index) -> String.Index? {
        guard utf8.distance(from: index, to: utf8.endIndex) >= 3 else { return nil }
        let second = utf8[utf8.index(index, offsetBy: 1)]
        let third = utf8[utf8.index(index, offsetBy: 2)]
        let stops = utf8[index] == 0xE3 ? second == 0x80 && third == 0x82 : second == 0xBC && [0x81, 0x9F, 0x9B].contains(third)
        return stops ? utf8.index(index, offsetBy: 3) : nil
    }

    /// Keeps a sentence of more than three characters (scalars) with at least one letter.
    private static func append(_ result: inout [String], _ sentence: Substring) {
        let trimmed = sentence.trimmedSlice()
        let bytes = trimmed.utf8.count
        // A scalar is at most four bytes: more than twelve bytes is more than three scalars.
        guard bytes > 3, bytes > 12 || trimmed.unicodeScalars.count > 3 else { return }
        let hasASCIILetter = trimmed.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
        if hasASCIILetter || trimmed.unicodeScalars.contains(where: \.properties.isAlphabetic) {
            result.append(String(trimmed))
        }
    }

    /// `1. ` or `2) ` at the start of a line.
    static func isNumberedItem(_ line: Substring) -> Bool {
        let digits = line.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard digits > 0 else { return false }
        let rest = line.utf8.dropFirst(digits)
        return rest.count >= 2 && (rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ")"))
            && rest.dropFirst().first == UInt8(ascii: " ")
    }

    /// Joins hard-wrapped lines back into paragraphs; blank lines, headings and list items start new ones,
    /// and a heading is a paragraph of its own (the line under it is not its continuation).
    static func paragraphs(_ text: String) -> [String] {
        let (lines, runs) = paragraphRuns(text)
        return runs.map { lines[$0].joined(byte: UInt8(ascii: " ")) }
    }

    /// The text's lines, trimmed, and the runs of them that form paragraphs (blank lines belong to none),
    /// for a reader that joins only the paragraphs it needs.
    static func paragraphRuns(_ text: String) -> (lines: [Substring], runs: [Range<Int>]) {
        let lines = text.lines().map { $0.trimmedSlice() }
        return (lines, paragraphRuns(trimmedLines: lines))
    }

    /// The paragraph runs of lines already trimmed.
    static func paragraphRuns(trimmedLines lines: [Substring]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (index, line) in lines.enumerated() {
            if let open = start, startsBlock(line) {
                runs.append(open..<index)
                start = nil
            }
            if !line.isEmpty, start == nil { start = index }
            if start == index, isHeading(line) {
                runs.append(index..<index + 1)
                start = nil
            }
        }
        if let open = start { runs.append(open..<lines.count) }
        return runs
    }

    /// Whether a trimmed line ends the paragraph before it: blank, a heading, a table row, a list item.
    static func startsBlock(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard let first = bytes.first else { return true }
        if first == UInt8(ascii: "|") || isHeading(line) { return true }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") { return bytes.dropFirst().first == UInt8(ascii: " ") }
        return isNumberedItem(line)
    }

    /// A Markdown heading: `#` to `######` and then a space or nothing (`#7656 fixes …` and `#[RFC](…)` are text).
    static func isHeading(_ trimmed: Substring) -> Bool {
        let bytes = trimmed.utf8
        let marks = bytes.prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(marks) else { return false }
        let next = bytes.dropFirst(marks).first
        return next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.clipped(to: limit)
    }
}
