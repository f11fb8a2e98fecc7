/// One risk found on one pull request, with the typed facts that raised it: which of them are set depends
/// on the kind. Writers turn these into sentences in the report's language; analysis never does.
public struct RiskFinding: Codable, Sendable, Hashable {
    public var kind: RiskKind
    /// Files that raised it with their changed lines, largest first (core files, untested code, shrinking tests).
    public var files: [FileLines]?
    /// Net test lines removed (`tests-reduced`).
    public var testLinesRemoved: Int?
    /// Packages added, re-pinned or dropped in a manifest (`dependency`).
    public var packages: [PackageChange]?
    /// Environment variables the change introduces, with the file that names them (`env-var`).
    public var variables: [NamedInFile]?
    /// Platforms the change is specific to, with a file that shows it when one does (`platform`).
    public var platforms: [NamedInFile]?
    /// The earlier work this PR reverts or repairs (`revert`, `follow-up-fix`).
    public var links: [LinkedWork]?
    /// Words of the PR that raised it, as written (a title that says "skip tests", a "caused by" sentence).
    public var quote: Quote?

    public init(
        kind: RiskKind, files: [FileLines]? = nil, testLinesRemoved: Int? = nil, packages: [PackageChange]? = nil,
        variables: [NamedInFile]? = nil, platforms: [NamedInFile]? = nil, links: [LinkedWork]? = nil, quote: Quote? = nil
    ) {
        self.kind = kind
        self.files = files
        self.testLinesRemoved = testLinesRemoved
        self.packages = packages
        self.variables = variables
        self.platforms = platforms
        self.links = links
        self.quote = quote
    }

    /// A file with its changed lines: the digest's own file value.
    public typealias FileLines = Digest.File

    public struct PackageChange: Codable, Sendable, Hashable {
        public enum Change: String, Codable, Sendable { case added, updated, removed }
        public var name: String
        public var change: Change
        /// The manifest that changed.
        public var path: String
        /// The requirement as it read before and after (`torch==2.5.1` → `torch==2.6.0`), where there is one.
        public var from: String?
        public var to: String?
        public init(name: String, change: Change, path: String, from: String? = nil, to: String? = nil) {
            self.name = name
            self.change = change
            self.path = path
            self.from = from
            self.to = to
        }
    }

    public struct NamedInFile: Codable, Sendable, Hashable {
        public var name: String
        /// nil when only the title or a label names it.
        public var path: String?
        public init(name: String, path: String?) {
            self.name = name
            self.path = path
        }
    }

    public struct LinkedWork: Codable, Sendable, Hashable {
        /// The earlier PR, when it is known; nil for a commit or a PR named without its number.
        public var number: Int?
        public var title: String?
        /// The ISO week the earlier PR was merged in.
        public var week: String?
        /// The sentence of this PR's description that names it, when that is how it was found.
        public var sentence: String?
        public init(number: Int?, title: String?, week: String?, sentence: String? = nil) {
            self.number = number
            self.title = title
            self.week = week
            self.sentence = sentence
        }
    }

    public struct Quote: Codable, Sendable, Hashable {
        public enum Source: String, Codable, Sendable { case title, description }
        public var text: String
        public var source: Source
        public init(_ text: String, from source: Source) {
            self.text = text
            self.source = source
        }
    }
}

extension RiskFinding {
    /// A compact, language-free notation of the facts (`ENGINE_X (engine/envs.py)`, `+numpy (requirements.txt)`),
    /// for logs, prompts and tests; reports write sentences from the fields instead.
    public var notation: String {
        var parts: [String] = []
        if let removed = testLinesRemoved { parts.append("−\(removed)") }
        if let files { parts.append(Self.list(files.map { $0.additions + $0.deletions > 0 && kind != .corePath ? "\($0.path) (+\($0.additions)/−\($0.deletions))" : $0.path })) }
        if let packages {
            let byPath = Dictionary(grouping: packages, by: \.path)
            parts += byPath.keys.sorted().map { path in
                byPath[path]!.map { ($0.change == .added ? "+" : $0.change == .updated ? "~" : "-") + $0.name }.joined(separator: ", ") + " (\(path))"
            }
        }
        for named in [variables, platforms].compactMap({ $0 }) {
            let byPath = Dictionary(grouping: named, by: { $0.path ?? "" })
            parts += byPath.keys.sorted().map { path in
                byPath[path]!.map(\.name).joined(separator: ", ") + (path.isEmpty ? "" : " (\(path))")
            }
        }
        if let links {
            parts += links.map { link in
                var text = link.number.map { "#\($0)" } ?? ""
                if let week = link.week { text += " (\(week))" }
                if let title = link.title { text += " “\(title)”" }
                if let sentence = link.sentence { text += (text.isEmpty ? "" : ": ") + sentence }
                return text
            }
        }
        if let quote { parts.append("“\(quote.text)”") }
        return parts.joined(separator: "; ")
    }

    /// Up to three items, then how many more (`a, b, c (+2)`).
    static func list(_ items: [String], limit: Int = 3) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown) (+\(items.count - limit))" : shown
    }
}
