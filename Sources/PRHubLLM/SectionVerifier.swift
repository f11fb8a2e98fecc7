import Foundation
import PRHubModel

/// Reads what a language model wrote before it is used: every PR number must belong to the period or
/// be linked from it; a figure in a sentence that cites PRs must come from those PRs (their description
/// or their facts in the digest) or from the week's own counts, never from another PR; a figure in a
/// sentence that cites none must appear in the digest; every `@author` and backticked file must exist.
public struct SectionVerifier: Sendable {
    let knownPRs: Set<Int>
    /// Every figure of the digest.
    let numbers: Set<String>
    /// The week's own figures (counts, averages): the digest without its PRs.
    let weekNumbers: Set<String>
    /// Each PR's figures: its entry in the digest and its description.
    let prNumbers: [Int: Set<String>]
    let authors: Set<String>
    let files: Set<String>
    /// Each PR's own text (title and description), for the figures it may be cited for.
    let descriptions: [Int: String]

    public init(digest: Digest, descriptions: [Int: String]) {
        var prs = Set(digest.prs.map(\.number))
        for pr in digest.prs {
            prs.formUnion(pr.fixes)
            prs.formUnion(pr.revertedBy)
            prs.formUnion(pr.fixedBy)
            if let reverted = pr.reverts { prs.insert(reverted) }
        }
        knownPRs = prs
        let encoder = JSONEncoder()
        func figures<T: Encodable>(_ value: T) -> Set<String> {
            Set(Self.figures(in: (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "").map(\.value))
        }
        numbers = figures(digest)
        var week = digest
        week.prs = []
        weekNumbers = figures(week)
        prNumbers = Dictionary(digest.prs.map { pr in
            (pr.number, figures(pr).union(Self.figures(in: descriptions[pr.number] ?? "").map(\.value)))
        }, uniquingKeysWith: { a, _ in a })
        var people: [String] = []
        for author in digest.authors { people += [author.name] + (author.login.map { [$0] } ?? []) }
        for pr in digest.prs {
            people += [pr.author] + (pr.login.map { [$0] } ?? [])
            // Reviewers may be named too: a brief says who settled what.
            people += (pr.review?.reviewers ?? []) + (pr.review?.discussion.map(\.author) ?? [])
        }
        authors = Set(people.map { $0.lowercased() })
        files = Set(digest.prs.flatMap { $0.files.map(\.path) } + digest.hotFiles.map(\.path) + digest.modules.map(\.name))
        self.descriptions = descriptions
    }

    public func check(_ text: String, section: String) -> [WriterReport.Finding] {
        var findings: [WriterReport.Finding] = []
        let cited = Self.prNumbers(in: text)
        for number in cited where !knownPRs.contains(number) {
            findings.append(.init(section: section, kind: "pr-number", detail: "#\(number) is not a PR of this period or linked from it"))
        }
        for sentence in Self.sentences(text) {
            let citing = Self.prNumbers(in: sentence)
            let own = Set(citing.map(String.init))
            let fromCited = citing.reduce(into: Set<String>()) { $0.formUnion(prNumbers[$1] ?? Set(Self.figures(in: descriptions[$1] ?? "").map(\.value))) }
            for figure in Self.figures(in: sentence) where !figure.isTrivial && !own.contains(figure.value) {
                if citing.isEmpty {
                    if numbers.contains(figure.value) { continue }
                    findings.append(.init(section: section, kind: "number", detail: "\(figure.raw) appears nowhere in the digest"))
                } else if !fromCited.contains(figure.value) && !weekNumbers.contains(figure.value) {
                    let whose = citing.map { "#\($0)" }.joined(separator: ", ")
                    let elsewhere = numbers.contains(figure.value) ? " (it belongs to another PR)" : ""
                    findings.append(.init(section: section, kind: "number", detail: "\(figure.raw) is not a figure of \(whose)\(elsewhere)"))
                }
            }
        }
        for match in Self.matches(#"(?<![\w.])@([A-Za-z0-9][A-Za-z0-9_\-\[\]]*)"#, in: text) where !authors.contains(match.lowercased()) {
            findings.append(.init(section: section, kind: "author", detail: "@\(match) is not an author of this period"))
        }
        for match in Self.matches(#"`([^`\s]+/[^`\s]+|[^`\s/]+\.[A-Za-z]{1,5})`"#, in: text) where !files.contains(match) {
            if match.contains("/") || match.range(of: #"\.(py|cc|cpp|cu|h|rs|go|swift|ts|js|yaml|yml|toml|txt|md)$"#, options: .regularExpression) != nil {
                findings.append(.init(section: section, kind: "file", detail: "`\(match)` is not a file of this period"))
            }
        }
        return Array(NSOrderedSet(array: findings).array as! [WriterReport.Finding])
    }

    /// Sentences and lines: a figure is checked against the PRs its own sentence cites.
    static func sentences(_ text: String) -> [String] {
        text.components(separatedBy: "\n").flatMap { line in
            line.replacingOccurrences(of: #"(?<=[.!?;])\s+|(?<=[。！？；])"#, with: "\u{0}", options: .regularExpression)
                .split(separator: "\u{0}").map(String.init)
        }
    }

    /// `#123`, `PR 123`, `PR #123`, `pull/123`.
    static func prNumbers(in text: String) -> [Int] {
        matches(#"(?i)(?:#|\bPR\s*#?\s*|pull/)(\d{1,7})\b"#, in: text).compactMap(Int.init)
    }

    struct Figure {
        var raw: String
        /// Normalised: `3.60` and `3.6` compare equal; the unit (`%`, `x`) is dropped.
        var value: String
        /// Small whole numbers (list positions, "two themes") are not facts worth checking.
        var isTrivial: Bool
    }

    static func figures(in text: String) -> [Figure] {
        matches(#"(?<![\w.#/-])(\d+(?:\.\d+)?)(\s?(?:%|x|×|ms|s\b))?"#, in: text, group: 0).compactMap { raw in
            let number = raw.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            let normalized = value == value.rounded() && value < 1e15 ? String(Int(value)) : String(value)
            let hasUnit = raw.count > number.count
            return Figure(raw: raw, value: normalized, isTrivial: !hasUnit && value == value.rounded() && value <= 10)
        }
    }

    static func matches(_ pattern: String, in text: String, group: Int = 1) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { result in
            let range = result.range(at: group)
            return range.location == NSNotFound ? nil : ns.substring(with: range)
        }
    }
}
