import Foundation

/// Turns GitHub labels and title tags into the lowercase label names reports count.
///
/// `[Bugfix]`, `[BugFix]`, `[bugfix]`, `[Fix]` → `bugfix`; `[CI/Build]` → `ci` (`[Build]` alone stays `build`: how
/// the package is built reaches whoever installs it, CI does not); `[Doc]`/`[Docs]` → `doc`;
/// conventional-commit prefixes (`fix(scope):`, `feat:`) count as tags too. Series markers (`[1/N]`) and
/// branch names (`[main]`) are not labels.
public enum LabelNormalizer {
    static let aliases: [String: String] = [
        "bugfix": "bugfix", "bug fix": "bugfix", "bug-fix": "bugfix", "bug": "bugfix", "fix": "bugfix", "hotfix": "bugfix",
        "fixes": "bugfix", "bugfixes": "bugfix",
        "ci": "ci", "ci/build": "ci", "ci/ut": "ci", "ci/cd": "ci", "lint": "ci", "nightly": "ci",
        "doc": "doc", "docs": "doc", "documentation": "doc", "readme": "doc",
        "feat": "feature", "feature": "feature", "features": "feature", "new feature": "feature", "enhancement": "feature",
        "perf": "performance", "performance": "performance", "optimization": "performance", "optim": "performance",
        "opt": "performance",
        "test": "test", "tests": "test", "ut": "test", "unittest": "test", "e2e": "test", "testing": "test",
        "refactor": "refactor", "refactoring": "refactor", "refact": "refactor", "cleanup": "refactor",
        "misc": "misc", "chore": "misc", "style": "misc",
        "quant": "quantization", "quantization": "quantization",
        "model": "model", "models": "model", "new model": "model",
        "kernel": "kernel", "kernels": "kernel", "ops": "ops", "op": "ops", "customop": "ops",
        "mm": "multimodal", "multimodal": "multimodal", "multi-modal": "multimodal", "vlm": "multimodal",
        "specdecode": "spec-decode", "spec decode": "spec-decode", "speculative decoding": "spec-decode",
        "p/d": "pd", "pd": "pd", "kv pool": "kv-pool", "kvpool": "kv-pool", "kvcache": "kv-cache", "kv cache": "kv-cache",
        "main2main": "main2main", "main to main": "main2main", "core": "core", "v1": "v1", "deps": "dependencies", "dependencies": "dependencies",
        "revert": "revert", "security": "security", "platform": "platform", "hardware": "hardware",
    ]
    static let ignored: Set<String> = ["main", "master", "wip", "draft", "rfc"]
    /// GitHub labels about a PR's state in review or CI, not about what it changes.
    static let processLabels: Set<String> = [
        "ready", "ready-for-ci", "ready-for-test", "needs-rebase", "stale", "unstale", "lgtm", "approved", "verified",
        "do-not-merge", "keep-open", "merge-ready", "run-ci", "ci-ready", "awaiting-review", "needs-tests", "good first issue",
    ]
    // Built once: a CharacterSet is costly to make, and every title of a week is read.
    static let bang = CharacterSet(charactersIn: "!")
    static let conventionalPrefixes = [
        "feat", "feature", "fix", "bugfix", "docs", "doc", "perf", "refactor", "test", "tests", "ci", "build", "chore", "style", "revert",
    ]

    /// The label a raw tag stands for, or nil when it is not a label.
    public static func normalize(_ raw: String, aliases extra: [String: String] = [:]) -> String? {
        // `[Feat.]` and `[BugFix:]` are the same tags as `[Feat]` and `[BugFix]`.
        let collapsed = collapse(raw)
        guard !collapsed.isEmpty, collapsed.count <= 40, !ignored.contains(collapsed) else { return nil }
        if isSeriesMarker(collapsed) || collapsed.hasPrefix("v0.") || collapsed.hasPrefix("release") { return nil }
        if let alias = extra[collapsed] ?? aliases[collapsed] { return alias }
        // Spaces as hyphens, by bytes (a space is one byte in UTF-8 and never part of another character).
        return String(decoding: collapsed.utf8.map { $0 == UInt8(ascii: " ") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
    }

    /// Labels of a pull request: the tags at the start of its title, then its GitHub labels (process
    /// labels such as `ready` or `needs-rebase` say nothing about the change and are left out).
    public static func labels(title: String, githubLabels: [String] = [], aliases: [String: String] = [:]) -> [String] {
        let raw = titleTags(title) + githubLabels.filter { !processLabels.contains($0.lowercasedByBytes()) }
        var seen = Set<String>()
        return raw.compactMap { normalize($0, aliases: aliases) }.filter { seen.insert($0).inserted }
    }

    /// Lowercased, runs of whitespace as one space, `.:,;` trimmed from both ends. Tags are nearly always
    /// ASCII: those are done on bytes (Character-wise splitting was most of the cost of reading labels).
    static func collapse(_ raw: String) -> String {
        guard raw.utf8.allSatisfy({ $0 < 0x80 }) else {
            var slice = Substring(raw.lowercasedByBytes().split(whereSeparator: \.isWhitespace).joined(separator: " "))
            while let first = slice.first, ".:,;".contains(first) { slice.removeFirst() }
            while let last = slice.last, ".:,;".contains(last) { slice.removeLast() }
            return String(slice)
        }
        let isTrimmed = { (byte: UInt8) in byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") }
        var words: [UInt8] = []
        for byte in raw.utf8 {
            if byte.isASCIIBlank {
                if let last = words.last, last != 0x20 { words.append(0x20) }
            } else {
                words.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        if words.last == 0x20 { words.removeLast() }
        var start = words.startIndex, end = words.endIndex
        while start < end, isTrimmed(words[start]) { start += 1 }
        while end > start, isTrimmed(words[end - 1]) { end -= 1 }
        return String(decoding: words[start..<end], as: UTF8.self)
    }

    /// `[A][B] title` → ["A", "B"]; `fix(scope): title` → ["fix"]; `Revert "…"` → ["revert"].
    public static func titleTags(_ title: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(title.trimmed())
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
            tags.append(String(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == ":" || $0 == "-" }
        }
        if tags.isEmpty, let colon = rest.firstIndex(of: ":"), rest.distance(from: rest.startIndex, to: colon) <= 24 {
            let head = rest[..<colon].lowercasedByBytes()
            let type = head.split(separator: "(").first.map { String($0).trimmingCharacters(in: bang) } ?? ""
            if conventionalPrefixes.contains(type) { tags.append(type) }
        }
        if rest.hasPrefix("Revert \"") || rest.hasPrefix("Revert '") { tags.append("revert") }
        return tags
    }

    private static func isSeriesMarker(_ text: String) -> Bool {
        let parts = text.split(separator: "/")
        return parts.count == 2 && parts[0].allSatisfy(\.isNumber) && (parts[1] == "n" || parts[1] == "x" || parts[1].allSatisfy(\.isNumber))
    }
}
