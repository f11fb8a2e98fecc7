import Foundation

/// Reads a PR description the way a reviewer skims it: drops the template, keeps what the author said.
public struct DescriptionReader: Sendable {
    /// The description without template headings, comments, checklists and sign-offs.
    public let prose: String
    /// The first sentences of the part that says what the PR does (at most about 300 characters).
    public let summary: String
    let body: String

    public init(body: String) {
        self.body = body
        prose = Self.clean(body)
        summary = Self.summarize(Self.purposeSection(body) ?? prose)
    }

    /// Claimed results: sentences with a speed-up, a percentage or a latency/throughput figure.
    public var claims: [String] {
        Self.sentences(prose).filter { sentence in
            let lower = sentence.lowercased()
            let hasFigure = lower.range(of: #"\d+(\.\d+)?\s*(x|×|%|ms|tok/s|tokens/s)(?![a-z])"#, options: .regularExpression) != nil
            let hasMetric = ["throughput", "latency", "ttft", "tpot", "speedup", "speed-up", "faster", "accuracy", "memory", "qps", "tps", "improve", "reduce", "提升", "降低"]
                .contains { lower.contains($0) }
            return hasFigure && hasMetric
        }.map { Self.clip($0, 240) }
    }

    /// What the author says users will notice, from the template's "user-facing change" answer;
    /// nil when the answer is no, none or missing.
    public var userFacingChange: String? {
        guard let answer = Self.section(body, matching: ["user-facing change", "user facing change"]) else { return nil }
        let plain = Self.stripMarkdown(answer).trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = plain.lowercased()
        let negative = ["no", "no.", "none", "none.", "n/a", "na", "nope", "无", "否", "没有"]
        if plain.isEmpty || negative.contains(lower) || lower.hasPrefix("no,") || lower.hasPrefix("no ") && plain.count < 40 {
            return nil
        }
        return Self.sentences(plain).first.map { Self.clip($0, 200) }
    }

    /// A sentence announcing a breaking change or a removal users must act on, if any.
    public var breakingChange: String? {
        Self.sentences(prose).first { sentence in
            let lower = sentence.lowercased()
            let marked = lower.contains("breaking change") || sentence.contains("BREAKING") || lower.contains("backward incompatible")
                || lower.contains("backwards incompatible") || lower.contains("no longer supported") || lower.contains("is deprecated")
            let denied = ["no breaking", "not a breaking", "non-breaking", "without breaking", "not breaking"].contains { lower.contains($0) }
            return marked && !denied
        }.map { Self.clip($0, 200) }
    }

    /// True when the author explains causes or choices, not only what changed.
    public var explainsReasoning: Bool {
        let lower = prose.lowercased()
        return ["because", "root cause", "instead of", "previously", "so that", "trade-off", "tradeoff", "the reason",
            "caused by", "in order to", "design", "原因", "因为", "导致"].contains { lower.contains($0) }
    }

    // MARK: - Cleaning

    static let templateHeadings = [
        "what this pr does", "why we need it", "does this pr introduce", "how was this patch tested",
        "checklist", "test plan", "test result", "purpose", "motivation", "summary", "description", "modifications",
    ]

    static func clean(_ body: String) -> String {
        var text = body.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "\r\n", with: "\n")
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let lower = trimmed.lowercased()
            if lower.hasPrefix("signed-off-by:") || lower.hasPrefix("co-authored-by:") { return false }
            if lower.hasPrefix("- [ ]") || lower.hasPrefix("- [x]") { return false }
            if lower.hasPrefix("- vllm version:") || lower.hasPrefix("- vllm main:") { return false }
            if trimmed.allSatisfy({ $0 == "-" || $0 == "=" || $0 == "_" || $0 == "*" }) && !trimmed.isEmpty { return false }
            if trimmed.hasPrefix("#"), templateHeadings.contains(where: { lower.contains($0) }) { return false }
            return true
        }
        return kept.joined(separator: "\n").replacingOccurrences(of: #"\n{3,}"#, with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The raw text under the first heading that contains one of `titles`.
    static func section(_ body: String, matching titles: [String]) -> String? {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("#") && titles.contains { line.lowercased().contains($0) }
        }) else { return nil }
        let text = lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .joined(separator: "\n").replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
        let cleaned = clean(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// The text under a "what / why / summary / purpose" heading, if the description has one.
    static func purposeSection(_ body: String) -> String? {
        let lines = body.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
            .split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { line in
            let lower = line.lowercased()
            return line.trimmingCharacters(in: .whitespaces).hasPrefix("#")
                && ["what this pr does", "summary", "purpose", "motivation", "description", "what does this pr do"].contains { lower.contains($0) }
        }) else { return nil }
        let section = lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let text = clean(section.joined(separator: "\n"))
        return text.isEmpty ? nil : text
    }

    static func summarize(_ text: String) -> String {
        let plain = paragraphs(text).map(stripMarkdown).joined(separator: "\n")
        var summary = ""
        for sentence in sentences(plain) {
            if summary.count + sentence.count > 300 && !summary.isEmpty { break }
            summary += summary.isEmpty ? sentence : " " + sentence
            if summary.count >= 120 { break }
        }
        return clip(summary, 320)
    }

    static func stripMarkdown(_ text: String) -> String {
        var result = text.replacingOccurrences(of: #"```[\s\S]*?```"#, with: " ", options: .regularExpression)
        result = result.replacingOccurrences(of: #"!\[[^\]]*\]\([^)]*\)"#, with: "", options: .regularExpression)
        result = result.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        result = result.replacingOccurrences(of: #"(?m)^\s*(#+|[-*+]|\d+\.|>)\s+"#, with: "", options: .regularExpression)
        result = result.replacingOccurrences(of: #"\*\*|__|`"#, with: "", options: .regularExpression)
        result = result.replacingOccurrences(of: #"<[^>]{0,200}>"#, with: "", options: .regularExpression)
        return result
    }

    /// Splits paragraphs into sentences; keeps sentences that carry words.
    /// A `.`, `!` or `?` ends a sentence only before whitespace, so `3.5`, `e.g.x` and URLs stay whole.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        for paragraph in paragraphs(text) {
            var current = ""
            var pendingEnd = false
            for character in paragraph {
                if pendingEnd && character.isWhitespace {
                    append(&result, current)
                    current = ""
                    pendingEnd = false
                    continue
                }
                pendingEnd = false
                current.append(character)
                if "。！？；".contains(character) {
                    append(&result, current)
                    current = ""
                } else if character == "." || character == "!" || character == "?" {
                    pendingEnd = true
                }
            }
            append(&result, current)
        }
        return result
    }

    private static func append(_ result: inout [String], _ sentence: String) {
        let trimmed = sentence.trimmingCharacters(in: .whitespaces)
        if trimmed.count > 3, trimmed.contains(where: \.isLetter) { result.append(trimmed) }
    }

    /// Joins hard-wrapped lines back into paragraphs; blank lines, headings and list items start new ones.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            let startsBlock = line.isEmpty || line.hasPrefix("#") || line.hasPrefix("- ") || line.hasPrefix("* ")
                || line.hasPrefix("|") || line.range(of: #"^\d+[.)] "#, options: .regularExpression) != nil
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
