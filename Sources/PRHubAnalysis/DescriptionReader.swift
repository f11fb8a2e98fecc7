import Foundation

/// Reads a PR description the way a reviewer skims it: drops the template, keeps what the author said.
public struct DescriptionReader: Sendable {
    /// The description without template headings, comments, checklists and sign-offs.
    public let prose: String
    /// The first sentences of the part that says what the PR does (at most about 300 characters).
    public let summary: String
    /// The description without HTML comments (template instructions live there).
    let body: String

    public init(body: String) {
        self.body = Self.stripComments(body)
        prose = Self.clean(self.body)
        claims = Self.claims(in: prose)
        summary = Self.summarize(Self.purposeSection(self.body) ?? prose)
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

    static let metricWords = ["throughput", "latency", "ttft", "tpot", "speedup", "speed-up", "faster", "accuracy", "memory", "qps", "tps", "improve", "reduce", "提升", "降低"]

    static func claims(in prose: String) -> [String] {
        // Most descriptions name no metric at all: one look at the whole text spares splitting it.
        guard mayClaim(prose) else { return [] }
        let lowerProse = prose.lowercased()
        guard metricWords.contains(where: { lowerProse.containsBytes($0) }) else { return [] }
        return sentences(prose).filter { sentence in
            let lower = sentence.lowercased()
            let hasMetric = metricWords.contains { lower.containsBytes($0) }
            // The regex only runs on sentences that already name a metric.
            return hasMetric && lower.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) && lower.matches(pattern: #"\d+(\.\d+)?\s*(x|×|%|ms|tok/s|tokens/s)(?![a-z])"#)
        }.map { Self.clip($0, 240) }
    }

    /// Whether some number is followed (after digits, dots and spaces) by a unit a claim needs: `x`, `×`,
    /// `%`, `ms` or `tok…`. A byte scan, so the sentence splitting and the regex run only where one is.
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
                let unit = bytes[next]
                // `×` is C3 97 in UTF-8; letters are compared lowercased.
                if unit == UInt8(ascii: "%") || unit == 0xC3 || [UInt8(ascii: "x"), UInt8(ascii: "m"), UInt8(ascii: "t")].contains(unit | 0x20) {
                    return true
                }
            }
            index = next
        }
        return false
    }

    /// What the author says users will notice, from the template's "user-facing change" answer;
    /// nil when the answer is no, none or missing.
    public var userFacingChange: String? {
        guard let answer = Self.section(body, matching: ["user-facing change", "user facing change"]) else { return nil }
        let plain = Self.stripMarkdown(answer).trimmed()
        let lower = plain.lowercased()
        let negative = ["no", "no.", "none", "none.", "n/a", "na", "nope", "无", "否", "没有"]
        if plain.isEmpty || negative.contains(lower) || lower.hasPrefix("no,") || lower.hasPrefix("no ") && plain.count < 40 {
            return nil
        }
        return Self.sentences(plain).first.map { Self.clip($0, 200) }
    }

    /// A sentence announcing a breaking change or a removal users must act on, if any.
    public var breakingChange: String? {
        let lowerProse = prose.lowercased()
        guard ["breaking", "incompatible", "no longer supported", "deprecated"].contains(where: lowerProse.containsBytes)
        else { return nil }
        return Self.sentences(prose).first { sentence in
            let lower = sentence.lowercased()
            let marked = lower.containsBytes("breaking change") || sentence.contains("BREAKING") || lower.containsBytes("backward incompatible")
                || lower.containsBytes("backwards incompatible") || lower.containsBytes("no longer supported") || lower.containsBytes("is deprecated")
            let denied = ["no breaking", "not a breaking", "non-breaking", "without breaking", "not breaking"].contains { lower.containsBytes($0) }
            return marked && !denied
        }.map { Self.clip($0, 200) }
    }

    /// True when the author explains causes or choices, not only what changed.
    public var explainsReasoning: Bool {
        let lower = prose.lowercased()
        return ["because", "root cause", "instead of", "previously", "so that", "trade-off", "tradeoff", "the reason",
            "caused by", "in order to", "design", "原因", "因为", "导致"].contains { lower.containsBytes($0) }
    }

    // MARK: - Cleaning

    static let templateHeadings = [
        "what this pr does", "why we need it", "does this pr introduce", "how was this patch tested",
        "checklist", "test plan", "test result", "purpose", "motivation", "summary", "description", "modifications",
    ]

    /// Expects comments already stripped.
    static func clean(_ body: String) -> String {
        let text = body.containsBytes("\r") ? body.replacingOccurrences(of: "\r\n", with: "\n") : body
        let kept = text.lines().filter { line in
            let trimmed = line.trimmed()
            let lower = trimmed.lowercased()
            if lower.hasPrefix("signed-off-by:") || lower.hasPrefix("co-authored-by:") { return false }
            if lower.hasPrefix("- [ ]") || lower.hasPrefix("- [x]") { return false }
            if isVersionStamp(lower) { return false }
            if trimmed.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "_" || $0 == "*" }) && !trimmed.isEmpty { return false }
            if trimmed.hasPrefix("#"), templateHeadings.contains(where: { lower.containsBytes($0) }) { return false }
            return true
        }
        // At most one blank line in a row.
        var lines: [Substring] = []
        for line in kept where !(line.allSatisfy(\.isWhitespace) && (lines.last?.allSatisfy(\.isWhitespace) ?? true)) {
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmed()
    }

    /// The `- vLLM version: …` / `- vLLM main: <commit URL>` lines vllm-ascend's template stamps on every PR:
    /// not the author's words, and not a reference the author made. Expects lowercased text.
    static func isVersionStamp(_ lower: String) -> Bool {
        lower.hasPrefix("- vllm version:") || lower.hasPrefix("- vllm main:")
    }

    /// The raw text under the first heading that contains one of `titles`.
    static func section(_ body: String, matching titles: [String]) -> String? {
        let lines = body.lines()
        guard let start = lines.firstIndex(where: { line in
            line.trimmed().hasPrefix("#") && titles.contains { line.lowercased().contains($0) }
        }) else { return nil }
        let text = lines[(start + 1)...].prefix { !$0.trimmed().hasPrefix("#") }
            .joined(separator: "\n")
        let cleaned = clean(stripComments(text))
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The text under a "what / why / summary / purpose" heading, if the description has one.
    static func purposeSection(_ body: String) -> String? {
        let lines = stripComments(body).lines()
        guard let start = lines.firstIndex(where: { line in
            let lower = line.lowercased()
            return line.trimmed().hasPrefix("#")
                && ["what this pr does", "summary", "purpose", "motivation", "description", "what does this pr do"].contains { lower.containsBytes($0) }
        }) else { return nil }
        let section = lines[(start + 1)...].prefix { !$0.trimmed().hasPrefix("#") }
        let text = clean(section.joined(separator: "\n"))
        return text.isEmpty ? nil : text
    }

    /// The first sentences, up to about 300 characters; only the paragraphs it needs are cleaned.
    static func summarize(_ text: String) -> String {
        var summary = ""
        paragraphs: for paragraph in paragraphs(text) {
            for sentence in sentences(stripMarkdown(paragraph)) {
                if summary.count + sentence.count > 300 && !summary.isEmpty { break paragraphs }
                summary += summary.isEmpty ? sentence : " " + sentence
                if summary.count >= 120 { break paragraphs }
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
            result = result.replacing(pattern: #"\*\*|__|`"#, with: "")
        }
        if result.containsBytes("<") { result = result.replacing(pattern: #"<[^>]{0,200}>"#, with: "") }
        return result
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
    /// A `.`, `!` or `?` ends a sentence only before whitespace, so `3.5`, `e.g.x` and URLs stay whole.
    /// Works on Unicode scalars: grapheme-by-grapheme iteration is several times slower.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        for paragraph in paragraphs(text) {
            var current = String.UnicodeScalarView()
            var pendingEnd = false
            for scalar in paragraph.unicodeScalars {
                if pendingEnd && scalar.properties.isWhitespace {
                    append(&result, String(current))
                    current = String.UnicodeScalarView()
                    pendingEnd = false
                    continue
                }
                pendingEnd = false
                current.append(scalar)
                switch scalar {
                case "。", "！", "？", "；":
                    append(&result, String(current))
                    current = String.UnicodeScalarView()
                case ".", "!", "?":
                    pendingEnd = true
                default:
                    break
                }
            }
            append(&result, String(current))
        }
        return result
    }

    private static func append(_ result: inout [String], _ sentence: String) {
        let trimmed = sentence.trimmed()
        if trimmed.unicodeScalars.count > 3, trimmed.unicodeScalars.contains(where: \.properties.isAlphabetic) {
            result.append(trimmed)
        }
    }

    /// `1. ` or `2) ` at the start of a line.
    static func isNumberedItem(_ line: String) -> Bool {
        let digits = line.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
        guard digits > 0 else { return false }
        let rest = line.utf8.dropFirst(digits)
        return rest.count >= 2 && (rest.first == UInt8(ascii: ".") || rest.first == UInt8(ascii: ")"))
            && rest.dropFirst().first == UInt8(ascii: " ")
    }

    /// Joins hard-wrapped lines back into paragraphs; blank lines, headings and list items start new ones.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for raw in text.lines() {
            let line = raw.trimmed()
            let startsBlock = line.isEmpty || line.hasPrefix("#") || line.hasPrefix("- ") || line.hasPrefix("* ")
                || line.hasPrefix("|") || isNumberedItem(line)
            if startsBlock, !current.isEmpty {
                result.append(current)
                current = ""
            }
            guard !line.isEmpty else { continue }
            current += current.isEmpty ? line : " " + line
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
