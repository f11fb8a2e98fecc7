import PRHubModel

/// Platform-specific work: hardware or OS named in a PR's tags, title or paths, from the profile's list.
public struct PlatformDetector: Sendable {
    /// Names that only count as a whole path segment (`cpu/`) or tag word, never inside a file name
    /// (`cpu_offload.py`) or a title ("CPU offload").
    static let exactOnly: Set<String> = ["CPU"]
    /// Share of the changed code and config lines that must be platform files for paths alone to count.
    static let minimumShare = 0.25
    let paths: PathClassifier

    public init(paths: PathClassifier) { self.paths = paths }

    /// The platforms a change is specific to, each with a path when one shows it, or nil.
    /// - Parameter titleMustName: only platforms its title or tags name count (for a lint or formatting
    ///   touch: such an edit in a platform's code is not work for that platform unless the title says so).
    public func platforms(
        title: String, labels: [String], files: [FileChange], kinds known: [PathKind]? = nil, titleMustName: Bool = false
    ) -> [RiskFinding.NamedInFile]? {
        let kinds = known ?? files.map { paths.kind($0.path) }
        let named = { (words: [String]) in Set(words.flatMap { paths.platformsByKeyword[$0] ?? [] }) }
        let titleNamed = named(Self.tokens(LinkDetector.untagged(title)) + labels.flatMap(Self.tokens))
        let tagNamed = named(labels.flatMap(Self.tokens))
        // Tests, docs and CI for a platform do not make a change platform-specific; code and config do.
        let candidates = files.indices.filter { [.code, .config, .other].contains(kinds[$0]) }.map { files[$0] }
        // A guide, a test or a CI job for a platform is not platform-specific code: a change must touch code or config.
        guard files.isEmpty || !candidates.isEmpty else { return nil }
        let totalLines = max(1, candidates.reduce(0) { $0 + $1.additions + $1.deletions })
        // Which platforms each path names was worked out once per path (`PathClassifier.platformFacts`).
        let pathFacts = candidates.map { (file: $0, facts: paths.platformFacts($0.path)) }
        lazy var allPaths = files.map { Array($0.path.lowercasedByBytes().utf8) }
        let lowerTitle = title.lowercasedByBytes()
        var found: [RiskFinding.NamedInFile] = []
        let namedByPaths = pathFacts.reduce(into: Set<Int>()) { named, entry in
            named.formUnion(entry.facts.bySegment)
            named.formUnion(entry.facts.byToken)
            named.formUnion(entry.facts.byPattern)
        }
        for (index, compiled) in paths.platforms.enumerated() {
            // Keywords with a space are phrases, looked for in the title as written ("CPU binding").
            let phraseHit = compiled.phrases.contains { lowerTitle.containsBytes($0) }
            // Most PRs name no platform at all: one that neither the title, the tags nor a path names is done.
            guard phraseHit || titleNamed.contains(index) || namedByPaths.contains(index) else { continue }
            let platform = compiled.platform
            let strict = Self.exactOnly.contains(platform.name)
            let titleHit = (strict ? tagNamed : titleNamed).contains(index) || phraseHit
            if titleMustName && !titleHit { continue }
            let hits = pathFacts.filter { entry in
                let facts = entry.facts
                let namesIt = facts.bySegment.contains(index) || (!strict && facts.byToken.contains(index))
                return (namesIt || facts.byPattern.contains(index))
                    && !hasGenericTwin(entry.file.path, compiled, among: allPaths)
            }.map(\.file)
            let share = Double(hits.reduce(0) { $0 + $1.additions + $1.deletions }) / Double(totalLines)
            if let first = hits.first, share >= Self.minimumShare || titleHit {
                found.append(.init(name: platform.name, path: first.path))
            } else if titleHit {
                found.append(.init(name: platform.name, path: nil))
            }
        }
        return found.isEmpty ? nil : found
    }

    /// `Dockerfile.310p` changed together with `Dockerfile`, or `install_ops_a2.sh` together with
    /// `install_ops_a3.sh`: the same edit across variants, not work for one of them. `all`: the PR's paths,
    /// lowercased bytes.
    func hasGenericTwin(_ path: String, _ platform: PathClassifier.CompiledPlatform, among all: [[UInt8]]) -> Bool {
        guard all.count > 1 else { return false }
        let lowerPath = path.lowercasedByBytes()
        let lower = Array(lowerPath.utf8)
        for (keyword, marks) in platform.variantMarks where lowerPath.containsBytes(keyword) {
            for mark in marks {
                guard let offset = lowerPath.byteOffset(of: mark) else { continue }
                let head = lower[..<offset], tail = lower[(offset + mark.utf8.count)...]
                for other in all where other.count >= head.count + tail.count && other != lower
                    && other.starts(with: head) && other.suffix(tail.count).elementsEqual(tail)
                {
                    // The path without the mark, or with another variant's mark in its place (same separator).
                    let middle = other[head.count..<(other.count - tail.count)]
                    if middle.isEmpty { return true }
                    if middle.first == mark.utf8.first, paths.platformsByKeyword[String(decoding: middle.dropFirst(), as: UTF8.self)] != nil {
                        return true
                    }
                }
            }
        }
        return false
    }

    /// Lowercased words: runs of ASCII letters and digits; any non-ASCII text counts as word characters
    /// (a byte scan; Character classification was a tenth of a week's analysis). Each word is copied
    /// lowercased straight from the text; it never splits a UTF-8 sequence, whose bytes are all word bytes.
    static func tokens(_ text: String) -> [String] {
        var text = text
        text.makeContiguousUTF8()  // A no-op for native strings.
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var words: [String] = []
            var start = 0
            func isWordByte(_ byte: UInt8) -> Bool { byte >= 0x80 || byte.isASCIIAlphanumeric }
            while start < bytes.count {
                guard isWordByte(bytes[start]) else { start += 1; continue }
                var end = start + 1
                while end < bytes.count && isWordByte(bytes[end]) { end += 1 }
                words.append(String(unsafeUninitializedCapacity: end - start) { word in
                    for offset in 0..<(end - start) { word[offset] = bytes[start + offset].lowercasedASCII }
                    return end - start
                })
                start = end
            }
            return words
        } ?? []
    }
}
