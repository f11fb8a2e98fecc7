import PRHubModel

/// Groups a week's PRs by what they are about — model families, hardware, subsystems — from title words,
/// tags and paths, in three to six themes. A PR whose topics made no theme belongs to none.
public enum TopicClassifier {
    /// How strongly one PR is about each topic, and the model names its title uses.
    public struct Scores: Sendable {
        public var topics = SmallMap<Topic, Int>()
        /// Model names as the title writes them (`Qwen3.5`, `Qwen3-VL`), by family.
        public var modelNames: [String: [String]] = [:]
    }

    static let titleWeight = 3
    static let namedWeight = 4

    /// Subsystems as bits, in the order of `Topic.Subsystem.allCases`: a PR's topics are gathered word by word.
    struct SubsystemSet: OptionSet, Sendable {
        var rawValue: UInt32
        init(rawValue: UInt32) { self.rawValue = rawValue }
        init(_ subsystem: Topic.Subsystem) { rawValue = 1 << UInt32(Topic.Subsystem.allCases.firstIndex(of: subsystem)!) }
        /// The positions of its members in `Topic.Subsystem.allCases`, in that order.
        var positions: [Int] { Topic.Subsystem.allCases.indices.filter { rawValue & (1 << UInt32($0)) != 0 } }
        var members: [Topic.Subsystem] { positions.map { Topic.Subsystem.allCases[$0] } }
    }

    /// The vocabulary's title phrases, compiled once: whole words looked up in a table, word stems (`eagle*`)
    /// tried on each word, and the few phrases of several words searched in the padded text.
    struct CompiledPhrases: Sendable {
        /// What a whole word leads to: the topics it names, and the phrases of several words it starts (a
        /// phrase whose last word is a stem, `prefix cach*`, has no closing space).
        struct WordEntry: Sendable {
            var topics = SubsystemSet()
            var phrases: [(padded: [UInt8], topic: SubsystemSet)] = []
        }
        let words: WordTable<WordEntry>
        /// Stems by their first byte: a word is tried only against the stems it could start with.
        var stems = [[(stem: [UInt8], topic: SubsystemSet)]](repeating: [], count: 256)

        init(_ entries: [(topic: Topic.Subsystem, phrases: [String])]) {
            var words: [(word: [UInt8], value: WordEntry)] = []
            for (topic, list) in entries {
                let bit = SubsystemSet(topic)
                for phrase in list {
                    let stem = phrase.hasSuffix("*")
                    let body = stem ? String(phrase.dropLast()) : phrase
                    let parts = body.split(separator: " ")
                    if parts.count > 1 {
                        words.append((Array(parts[0].utf8), WordEntry(phrases: [(Array((" " + body + (stem ? "" : " ")).utf8), bit)])))
                    } else if stem {
                        let bytes = Array(body.utf8)
                        stems[Int(bytes[0])].append((bytes, bit))
                    } else {
                        words.append((Array(body.utf8), WordEntry(topics: bit)))
                    }
                }
            }
            self.words = WordTable(words) { entry, more in
                entry.topics.formUnion(more.topics)
                entry.phrases += more.phrases
            }
        }

        /// The subsystems named by the words of `text`, lowercased words padded with spaces.
        func topics(inPadded text: UnsafeBufferPointer<UInt8>) -> SubsystemSet {
            var found = SubsystemSet()
            text.forEachWord { word in
                if let entry = words.value(word) {
                    found.formUnion(entry.topics)
                    for phrase in entry.phrases where !found.contains(phrase.topic)
                        && phrase.padded.withUnsafeBufferPointer({ byteOffset(of: $0, in: text) != nil }) {
                        found.formUnion(phrase.topic)
                    }
                }
                for stem in stems[Int(word[0])] where word.starts(with: stem.stem) { found.formUnion(stem.topic) }
            }
            return found
        }
    }

    static let compiled = CompiledPhrases(TopicVocabulary.subsystems.map { ($0.topic, $0.phrases) })
    /// Path fragments as words of a path split at `/ _ - .`: a folder (`spec_decode/`) or a name prefix
    /// (`/quant_`) is matched as whole words (`spec decode`, `quant`); any other fragment as the start of a
    /// word (`sched` matches `scheduler`).
    /// Upkeep topics are judged by file kinds instead.
    static let pathPhrases = CompiledPhrases(TopicVocabulary.subsystems.filter { ![.ci, .docs, .release].contains($0.topic) }.map { entry in
        (entry.topic, entry.paths.map { fragment -> String in
            let words = fragment.split(whereSeparator: { "/_-.".contains($0) }).joined(separator: " ")
            return fragment.hasSuffix("/") || fragment.hasSuffix("_") ? words : words + "*"
        })
    })
    /// Model family prefixes as bytes, and as a file name spells them (`gpt_oss`).
    static let modelFamilies = TopicVocabulary.modelFamilies.map {
        (prefix: Array($0.prefix.utf8), filePrefix: Array($0.prefix.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }), family: $0.family)
    }
    /// Hardware names by each word that names them.
    static let hardwareByWord = WordTable(TopicVocabulary.hardware.flatMap { entry in entry.words.map { (Array($0.utf8), entry.name) } })

    public static func scores(
        title: String, labels: [String], files: [FileChange], paths: PathClassifier, kinds known: [PathKind]? = nil,
        titleWords given: String? = nil
    ) -> Scores {
        var scores = Scores()
        var text = given ?? titleWords(title)
        let joinedLabels = labels.joined(separator: " ")
        var tags = normalizedWords(String(decoding: joinedLabels.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            + " " + joinedLabels)
        var words = text + tags
        for topic in words.withUTF8({ compiled.topics(inPadded: $0) }).members {
            scores.topics[.subsystem(topic), default: 0] += titleWeight
        }
        // Paths: a topic earns a point for touching it and another when it holds most of the changed lines.
        let kinds = known ?? files.map { paths.kind($0.path) }
        let total = max(1, files.reduce(0) { $0 + $1.additions + $1.deletions })
        // The largest code files say what a change is about; a sweep over hundreds of files needs no more
        // than its forty largest to be placed. Only these (and a few config files) are lowercased.
        let code = Array(files.indices.filter { kinds[$0] == .code }
            .sorted { files[$0].additions + files[$0].deletions > files[$1].additions + files[$1].deletions }.prefix(40))
        let config = Array(files.indices.filter { kinds[$0] == .config }.prefix(10))
        var lowerPaths = [String?](repeating: nil, count: files.count)
        for i in code + config { lowerPaths[i] = files[i].path.lowercasedByBytes() }
        // Lines per subsystem, by the subsystem's position (an array: no dictionary keyed by subsystem).
        let subsystems = Topic.Subsystem.allCases
        var lines = [Int](repeating: 0, count: subsystems.count)
        var touched = SubsystemSet()
        for i in code {
            let found = pathWords(lowerPaths[i]!).withUnsafeBufferPointer { pathPhrases.topics(inPadded: $0) }
            touched.formUnion(found)
            for position in found.positions { lines[position] += files[i].additions + files[i].deletions }
        }
        for position in touched.positions {
            scores.topics[.subsystem(subsystems[position]), default: 0] += lines[position] * 5 >= total * 2 ? 2 : 1
        }
        if !files.isEmpty && kinds.allSatisfy({ $0 == .doc }) { scores.topics[.subsystem(.docs), default: 0] += namedWeight }
        if !files.isEmpty && kinds.allSatisfy({ [.test, .ci].contains($0) }) { scores.topics[.subsystem(.ci), default: 0] += namedWeight }
        var hardware: [String: Int] = [:]
        text.withUTF8 { titleBytes in
            titleBytes.forEachWord { word in
                // Model families: named in the title, or the model file a change edits (below).
                if let family = modelFamilies.first(where: { word.starts(with: $0.prefix) })?.family {
                    scores.topics[.modelFamily(family), default: 0] = namedWeight
                    let name = displayName(title: title, word: String(decoding: word, as: UTF8.self))
                    if !scores.modelNames[family, default: []].contains(name) { scores.modelNames[family, default: []].append(name) }
                }
                // Hardware: "CPU offload" is about memory: CPU counts only as a tag.
                if let name = hardwareByWord.value(word), name != "CPU" { hardware[name] = namedWeight }
            }
        }
        tags.withUTF8 { $0.forEachWord { word in if let name = hardwareByWord.value(word) { hardware[name] = namedWeight } } }
        // Each model file edited counts: a change across a family's files is more about that family.
        for file in files where file.path.containsBytes("models/") {
            let name = file.path.lowercasedByBytes().split(separator: "/").last ?? ""
            if let family = modelFamilies.first(where: { name.utf8.starts(with: $0.filePrefix) })?.family {
                scores.topics[.modelFamily(family), default: 0] += 2
            }
        }
        // Path segments of any file: a platform's own test or config folder says the change is for it.
        for i in files.indices {
            var lower = lowerPaths[i] ?? files[i].path.lowercasedByBytes()
            lower.withUTF8 { bytes in
                var start = 0
                for end in bytes.indices where bytes[end] == UInt8(ascii: "/") {
                    // A leading `_` is dropped: `_310p/` names the 310P's folder.
                    let first = start < end && bytes[start] == UInt8(ascii: "_") ? start + 1 : start
                    if let name = hardwareByWord.value(UnsafeBufferPointer(rebasing: bytes[first..<end])), hardware[name] == nil {
                        hardware[name] = 2
                    }
                    start = end + 1
                }
            }
        }
        // The repository's mainline platform (TPU for tpu-inference, NPU for vllm-ascend) is every change's, no theme.
        for (name, weight) in hardware where !isHome(name, paths.profile) { scores.topics[.hardware(name), default: 0] += weight }
        return scores
    }

    /// Whether a hardware topic is one of the profile's home platforms: by name, or by a word both use (the
    /// topic `Intel XPU/HPU` and the platform `XPU` share `xpu`).
    static func isHome(_ hardware: String, _ profile: RepositoryProfile) -> Bool {
        guard !profile.homePlatforms.isEmpty else { return false }
        let words = TopicVocabulary.hardware.first { $0.name == hardware }?.words ?? []
        return profile.platforms.contains { platform in
            profile.homePlatforms.contains(platform.name) && (platform.name == hardware || platform.keywords.contains(where: words.contains))
        }
    }

    /// A week's themes: topics chosen greedily by the weight of the PRs they would gather (upkeep weighs
    /// half), each PR then placed under the chosen topic it is most about.
    public static func themes(
        _ prs: [(number: Int, importance: Int, scores: Scores)], maximum: Int = 6
    ) -> [(topic: Topic, subject: String?, prs: [Int])] {
        // A hardware name on most of the week's PRs is the repository's mainline platform, not a topic.
        var candidates = SmallMap<Topic, [Int]>()
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
        var groups = SmallMap<Topic, [Int]>()
        for pr in prs {
            // The strongest chosen topic; among equals, the one chosen first.
            var best: (topic: Topic, score: Int)?
            for topic in chosen {
                let score = pr.scores.topics[topic] ?? 0
                if score >= 2 && score > (best?.score ?? 0) { best = (topic, score) }
            }
            if let best { groups[best.topic, default: []].append(pr.number) }
        }
        let importance = Dictionary(prs.map { ($0.number, $0.importance) }, uniquingKeysWith: { first, _ in first })
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

    /// A title without its tags, as lowercased words padded with spaces (`normalizedWords`).
    static func titleWords(_ title: String) -> String { normalizedWords(LinkDetector.untagged(title)) }

    /// Touches the compiled vocabularies once, before the PRs are scored on several threads at once (a
    /// first use on two threads makes one wait for the other).
    public static func prepare() {
        _ = compiled.words.count + pathPhrases.words.count + hardwareByWord.count + modelFamilies.count
    }

    /// A lowercased path as words padded with spaces: `/`, `_`, `-` and `.` separate them.
    static func pathWords(_ lowerPath: String) -> [UInt8] {
        var out: [UInt8] = [0x20]
        out.reserveCapacity(lowerPath.utf8.count + 2)
        for byte in lowerPath.utf8 {
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                if out.last != 0x20 { out.append(0x20) }
            } else {
                out.append(byte)
            }
        }
        if out.last != 0x20 { out.append(0x20) }
        return out
    }

    /// Lowercased words separated by single spaces, padded with a space at each end; ASCII punctuation other
    /// than `. _ - / +` separates words, and a word's trailing `.`, `-` or `/` is dropped. Non-ASCII bytes
    /// stay in their words.
    static func normalizedWords(_ text: String) -> String {
        var out: [UInt8] = [0x20]
        out.reserveCapacity(text.utf8.count + 2)
        func endWord() {
            while let last = out.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "-") || last == UInt8(ascii: "/") { out.removeLast() }
            if out.last != 0x20 { out.append(0x20) }
        }
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            let keep = lower >= 0x80 || (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                || lower == UInt8(ascii: ".") || lower == UInt8(ascii: "_") || lower == UInt8(ascii: "-")
                || lower == UInt8(ascii: "/") || lower == UInt8(ascii: "+")
            if keep { out.append(lower) } else { endWord() }
        }
        endWord()
        return String(decoding: out, as: UTF8.self)
    }

    /// The model name as the title writes it, up to its size (`Qwen3-235B-A22B` → `Qwen3`, `Qwen2.5-VL-7B` → `Qwen2.5-VL`).
    static let nameSeparators = Set(" ,;:()[]\"'`".utf8)

    static func displayName(title: String, word: String) -> String {
        // Find the word's original spelling in the title.
        let original = title.utf8.split(whereSeparator: { Self.nameSeparators.contains($0) }).map(Substring.init)
            .first { $0.lowercasedByBytes().trimmingSuffix(".-/") == word }.map(String.init) ?? word
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
