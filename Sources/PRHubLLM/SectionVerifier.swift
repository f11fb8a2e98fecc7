import Foundation
import PRHubModel

/// Reads what a language model wrote before it is used: every PR number must belong to the period or
/// be linked from it, every figure must appear in the digest or in a cited PR's own description, and
/// every `@author` and backticked file must exist.
public struct SectionVerifier: Sendable {
    let knownPRs: Set<Int>
    let numbers: Set<String>
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
        let json = (try? String(decoding: JSONEncoder().encode(digest), as: UTF8.self)) ?? ""
        numbers = Set(Self.figures(in: json).map(\.value))
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
        let citedText = cited.compactMap { descriptions[$0] }.joined(separator: "\n")
        let citedFigures = Set(Self.figures(in: citedText).map(\.value))
        let prNumberStrings = Set(cited.map(String.init))
        for figure in Self.figures(in: text) where !figure.isTrivial {
            if numbers.contains(figure.value) || citedFigures.contains(figure.value) || prNumberStrings.contains(figure.value) { continue }
            findings.append(.init(section: section, kind: "number", detail: "\(figure.raw) appears neither in the digest nor in a cited PR"))
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
