import PRHubModel

/// Groups a week's PRs by what they are about — model families, hardware, subsystems — from title words,
/// tags and paths, in three to six themes. A PR whose topics made no theme belongs to none.
public enum TopicClassifier {
    /// How strongly one PR is about each topic, and the model names its title uses.
    public struct Scores: Sendable {
        public var topics: [Topic: Int] = [:]
        /// Model names as the title writes them (`Qwen3.5`, `Qwen3-VL`), by family.
        public var modelNames: [String: [String]] = [:]
    }

    static let titleWeight = 3
    static let namedWeight = 4

    public static func scores(title: String, labels: [String], files: [FileChange], paths: PathClassifier) -> Scores {
        var scores = Scores()
        let text = normalizedWords(LinkDetector.untagged(title))
        let tags = normalizedWords(labels.joined(separator: " ").replacingOccurrences(of: "-", with: " ") + " " + labels.joined(separator: " "))
        let words = text + tags
        for entry in TopicVocabulary.subsystems where entry.phrases.contains(where: { contains(words, $0) }) {
            scores.topics[.subsystem(entry.topic), default: 0] += titleWeight
        }
        // Paths: a topic earns a point for touching it and another when it holds most of the changed lines.
        let kinds = files.map { paths.kind($0.path) }
        let total = max(1, files.reduce(0) { $0 + $1.additions + $1.deletions })
        let lowerPaths = files.map { $0.path.lowercasedByBytes() }
        for entry in TopicVocabulary.subsystems where ![.ci, .docs, .release].contains(entry.topic) {
            let hits = files.indices.filter { i in kinds[i] == .code && entry.paths.contains { lowerPaths[i].containsBytes($0) } }
            guard !hits.isEmpty else { continue }
            let lines = hits.reduce(0) { $0 + files[$1].additions + files[$1].deletions }
            scores.topics[.subsystem(entry.topic), default: 0] += lines * 5 >= total * 2 ? 2 : 1
        }
        if !files.isEmpty && kinds.allSatisfy({ $0 == .doc }) { scores.topics[.subsystem(.docs), default: 0] += namedWeight }
        if !files.isEmpty && kinds.allSatisfy({ [.test, .ci].contains($0) }) { scores.topics[.subsystem(.ci), default: 0] += namedWeight }
        // Model families: named in the title, or the model file a change edits.
        for word in text.split(separator: " ") {
            guard let family = TopicVocabulary.modelFamilies.first(where: { word.hasPrefix($0.prefix) })?.family else { continue }
            scores.topics[.modelFamily(family), default: 0] = namedWeight
            let name = displayName(title: title, word: String(word))
            if !scores.modelNames[family, default: []].contains(name) { scores.modelNames[family, default: []].append(name) }
        }
        for path in lowerPaths where path.containsBytes("models/") {
            let file = path.split(separator: "/").last.map(String.init) ?? ""
            if let family = TopicVocabulary.modelFamilies.first(where: { file.hasPrefix($0.prefix.replacingOccurrences(of: "-", with: "_")) })?.family {
                scores.topics[.modelFamily(family), default: 0] += 2
            }
        }
        // Hardware: a word of the title or tags (CPU only as a tag: "CPU offload" is about memory), or a path segment.
        let segments = Set(lowerPaths.flatMap { $0.split(separator: "/").dropLast().map(String.init) })
        for hardware in TopicVocabulary.hardware {
            let inTitle = hardware.words.contains { (hardware.name == "CPU" ? tags : words).split(separator: " ").contains(Substring($0)) }
            let inPath = hardware.words.contains { segments.contains($0) || segments.contains("_" + $0) }
            if inTitle || inPath { scores.topics[.hardware(hardware.name), default: 0] += inTitle ? namedWeight : 2 }
        }
        return scores
    }

    /// A week's themes: topics chosen greedily by the weight of the PRs they would gather (upkeep weighs
    /// half), each PR then placed under the chosen topic it is most about.
    public static func themes(
        _ prs: [(number: Int, importance: Int, scores: Scores)], maximum: Int = 6
    ) -> [(topic: Topic, subject: String?, prs: [Int])] {
        // A hardware name on most of the week's PRs is the repository's mainline platform, not a topic.
        var candidates: [Topic: [Int]] = [:]
        for (index, pr) in prs.enumerated() {
            for (topic, score) in pr.scores.topics where score >= 2 { candidates[topic, default: []].append(index) }
        }
        for (topic, members) in candidates {
            if case .hardware = topic, members.count * 5 > prs.count * 2 && prs.count >= 5 { candidates[topic] = nil }
        }
        let minimumSize = max(2, prs.count / 25)
        var chosen: [Topic] = []
        var covered = Set<Int>()
        while chosen.count < maximum {
            func weight(_ topic: Topic) -> Double {
                let fresh = (candidates[topic] ?? []).filter { !covered.contains($0) }
                guard fresh.count >= minimumSize else { return 0 }
                var sum = 0.0
                for index in fresh {
                    let score = Double(prs[index].scores.topics[topic] ?? 0)
                    sum += Double(prs[index].importance) + score / 2
                }
                return topic.isUpkeep ? sum / 2 : sum
            }
            var best: (topic: Topic, weight: Double)?
            for topic in candidates.keys.sorted() {
                let w = weight(topic)
                if w > 0 && w > (best?.weight ?? 0) { best = (topic, w) }
            }
            guard let best = best?.topic else { break }
            chosen.append(best)
            covered.formUnion(candidates[best] ?? [])
            // Past three themes, stop once nearly every PR has one.
            if chosen.count >= 3 && covered.count * 10 >= prs.count * 9 { break }
        }
        var groups: [Topic: [Int]] = [:]
        for pr in prs {
            // The strongest chosen topic; among equals, the one chosen first.
            var best: (topic: Topic, score: Int)?
            for topic in chosen {
                let score = pr.scores.topics[topic] ?? 0
                if score >= 2 && score > (best?.score ?? 0) { best = (topic, score) }
            }
            if let best { groups[best.topic, default: []].append(pr.number) }
        }
        let importance = Dictionary(uniqueKeysWithValues: prs.map { ($0.number, $0.importance) })
        return chosen.compactMap { topic -> (topic: Topic, subject: String?, prs: [Int], weight: Int)? in
            guard let members = groups[topic], !members.isEmpty else { return nil }
            var subject: String?
            if case .modelFamily(let family) = topic {
                // Variants counted without case; each shown in the spelling with the most capitals (`Qwen3-VL`, not `qwen3-vl`).
                var counts: [String: (count: Int, spelling: String)] = [:]
                for pr in prs where members.contains(pr.number) {
                    for name in pr.scores.modelNames[family] ?? [] {
                        let key = name.lowercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
                        let old = counts[key] ?? (0, name)
                        let capitals = { (s: String) in s.filter(\.isUppercase).count }
                        counts[key] = (old.count + 1, capitals(name) > capitals(old.spelling) ? name : old.spelling)
                    }
                }
                let names = counts.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.spelling < $1.spelling }.prefix(2).map(\.spelling)
                subject = names.isEmpty ? family : names.joined(separator: " / ")
            }
            let weight = members.reduce(0) { $0 + (importance[$1] ?? 1) }
            return (topic, subject, members.sorted(), topic.isUpkeep ? weight / 2 : weight)
        }
        .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.topic < $1.topic }
        .map { ($0.topic, $0.subject, $0.prs) }
    }

    /// Lowercased words separated by single spaces, padded with a space at each end; punctuation other
    /// than `. _ - / +` separates words, and a trailing `.` or `-` is dropped.
    static func normalizedWords(_ text: String) -> String {
        var out = " "
        for scalar in text.lowercased().unicodeScalars {
            let keep = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-/+".unicodeScalars.contains(scalar)
            if keep { out.unicodeScalars.append(scalar) } else if out.last != " " { out += " " }
        }
        let words = out.split(separator: " ").map { word in
            var w = Substring(word)
            while let last = w.last, ".-/".contains(last) { w = w.dropLast() }
            return w
        }
        return " " + words.filter { !$0.isEmpty }.joined(separator: " ") + " "
    }

    /// Whether `words` (from `normalizedWords`) holds `phrase` as whole words; `stem*` matches word starts.
    static func contains(_ words: String, _ phrase: String) -> Bool {
        if phrase.hasSuffix("*") { return words.contains(" " + phrase.dropLast()) }
        return words.contains(" " + phrase + " ")
    }

    /// The model name as the title writes it, up to its size (`Qwen3-235B-A22B` → `Qwen3`, `Qwen2.5-VL-7B` → `Qwen2.5-VL`).
    static func displayName(title: String, word: String) -> String {
        // Find the word's original spelling in the title.
        let original = title.split(whereSeparator: { " ,;:()[]\"'`".contains($0) })
            .first { $0.lowercased().trimmingSuffix(".-/") == word } .map(String.init) ?? word
        let parts = original.split(separator: "-")
        var kept = [parts[0]]
        for part in parts.dropFirst() {
            let letters = part.allSatisfy(\.isLetter)
            let version = (part.first == "V" || part.first == "v") && part.dropFirst().first?.isNumber == true
            guard (letters && part.count <= 5) || version else { break }
            kept.append(part)
        }
        return kept.joined(separator: "-").trimmingSuffix(".-/")
    }
}

extension StringProtocol {
    func trimmingSuffix(_ characters: String) -> String {
        var s = Substring(self)
        while let last = s.last, characters.contains(last) { s = s.dropLast() }
        return String(s)
    }
}
