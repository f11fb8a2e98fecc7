import Foundation
import PRHubModel

/// Makes untrusted text (PR titles, names, paths) safe to place in Markdown.
enum MarkdownText {
    /// What `inline` escapes with a backslash.
    static let escaped: Set<Character> = Set("\\`*_[]<>|#!~")

    /// Escapes characters that would start emphasis, links, HTML, headings or table cells, and folds
    /// line breaks so a title cannot open a new block.
    static func inline(_ text: String, limit: Int = 300) -> String {
        var clipped = text.clipped(to: limit)
        // Direction controls are encoded from the byte 0xE2 (U+2000–U+2FFF): only texts with one are looked at.
        if clipped.utf8.contains(0xE2) { clipped = BidiControls.neutralized(clipped) }
        if clipped.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            clipped = clipped.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        }
        // Every character escaped is ASCII, and no byte of a longer UTF-8 sequence is: escaping works on bytes.
        guard clipped.utf8.contains(where: { escapedBytes[Int($0)] || $0 == UInt8(ascii: "&") }) else { return clipped }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(clipped.utf8.count + 8)
        for byte in clipped.utf8 {
            if escapedBytes[Int(byte)] { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        let result = String(decoding: bytes, as: UTF8.self)
        // Only an entity-looking `&name;` could change meaning; break it up. (The search runs only where an
        // ampersand is: it was most of the time a report took to render.)
        guard result.utf8.contains(UInt8(ascii: "&")) else { return result }
        return result.replacingOccurrences(of: #"&(#?[A-Za-z0-9]+;)"#, with: "&amp;$1", options: .regularExpression)
    }

    /// `escaped` as a table over bytes.
    static let escapedBytes: [Bool] = (0..<256).map { byte in byte < 0x80 && escaped.contains(Character(Unicode.Scalar(UInt8(byte)))) }

    /// Text a language model wrote: kept as Markdown, but with angle brackets escaped (no raw HTML)
    /// and control characters dropped.
    static func modelText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "<" { out += "\\<"; continue }
            if scalar == ">" { out += "\\>"; continue }
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
            out.unicodeScalars.append(scalar)
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A code span that survives backticks inside the text.
    static func code(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "`", with: "'")
        return "`\(clean)`"
    }

    /// Turns `#123` in already-escaped text into links to the repository's PRs.
    static func linkPRs(_ escaped: String, repo: String) -> String {
        escaped.replacingOccurrences(
            of: ##"\\#(\d{1,7})\b"##, with: "[#$1](https://github.com/\(repo)/pull/$1)", options: .regularExpression)
    }

    static func prLink(_ number: Int, repo: String) -> String {
        "[#\(number)](https://github.com/\(repo)/pull/\(number))"
    }
}

extension MarkdownText {
    /// An http(s) URL fit for a Markdown link target, or nil: no spaces, brackets or angle brackets.
    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            !url.unicodeScalars.contains(where: { $0.value < 0x21 || "<>()[]\"'`\\".unicodeScalars.contains($0) || $0.value == 0x7F })
        else { return nil }
        return url
    }
}
