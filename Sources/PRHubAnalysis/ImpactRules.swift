import Foundation
import PRHubModel

/// The impact rules, on a PR's title (its tags dropped): words that say what a lead must know.
enum ImpactRules {
    /// Changes to what code says about itself, not what it does: docstrings, comments, type annotations.
    static let commentSweeps = ["docstring", "commenting", "code comments", "type hints", "type annotations"]

    /// Stems matched at the start of a title word (`crash` matches `crashes`), or phrases of several words.
    static let words: [(Impact, [String])] = [
        (.failure, ["crash", "segfault", "segmentation fault", "corrupt", "data loss", "double free", "use-after-free",
            "use after free", "memory leak", "leak", "deadlock", "hang", "hangs", "race condition", "race", "security", "cve",
            "vulnerab", "wrong result", "incorrect", "undefined value", "nan", "accuracy", "precision issue", "oom",
            "out of memory", "silently", "regress", "slowdown"]),
        (.release, ["bump version", "version bump", "drop support", "end of support", "require torch", "requires torch",
            "minimum version", "compatibility table"]),
        (.breaking, ["breaking", "remove deprecated", "delete deprecated"]),
        (.defaultChange, ["by default", "default to", "defaults to", "default value", "change default", "change the default"]),
        (.mechanical, ["typo", "typos", "lint", "ruff", "pre-commit", "formatting", "reformat", "spelling"] + commentSweeps),
    ]

    /// Verbs that move a project onto another version of something.
    static let syncVerbs = [" upgrade", " bump", " sync", " align", " rebase", " catch up", " update", " move to"]

    /// The project a repository builds on, when its owner says so: an organisation named after a project
    /// (`vllm-project/vllm-ascend` → `vllm`, `sgl-project/…` → `sgl`) whose own repository this is not. A
    /// plugin follows that project's main branch, and each move to a newer one is news for all its users.
    public static func upstream(of repository: String) -> String? {
        let parts = repository.lowercasedByBytes().split(separator: "/", maxSplits: 1)
        guard parts.count == 2, parts[0].hasSuffix("-project") else { return nil }
        let project = String(parts[0].dropLast("-project".count))
        return project.isEmpty || parts[1] == project ? nil : project
    }

    /// A title that moves the project onto a newer upstream: it opens with a sync verb (after a `Main2main`
    /// word, if any) and names the upstream or the word upstream ("Upgrade vLLM to 0303", "upgrade to vllm
    /// main", "Sync with upstream"). The verb's stem is enough (`upgrades`, `aligned`), the name must be a whole
    /// word (`vllm-ascend` is not `vllm`); a title whose subject is something else ("Recompute scheduler
    /// upgrade to vLLM 0.18.0", "fix skipped test when upgrade vllm", "Update ray import based on upstream") adapts
    /// to upstream, it is not the move.
    static func syncsUpstream(titleWords text: String, upstream: String?) -> Bool {
        // Compared as bytes: Substring's own prefix tests compare characters, a few percent of the analysis.
        let bytes = text.utf8
        let start = bytes.starts(with: " main2main ".utf8) ? " main2main".utf8.count : 0
        guard let verb = syncVerbs.first(where: { bytes.dropFirst(start).starts(with: $0.utf8) }) else { return false }
        // What moves is the verb's object, one word (to, with) at most between them: "Update ray import based on
        // upstream" adapts an import to upstream, it does not move onto it.
        let verbWords = verb.split(separator: " ").count + (start > 0 ? 1 : 0)
        return text.split(separator: " ").dropFirst(verbWords).prefix(2).contains { word in
            word == "upstream" || upstream.map { word == $0 } == true
        }
    }

    /// Words for what users of a project type or call: renaming or removing one is a change they see.
    static let interfaceWords: Set<String> = [
        "cli", "command", "commands", "flag", "flags", "option", "options", "argument", "arguments", "api", "apis", "endpoint",
        "endpoints", "parameter", "parameters", "env", "config", "setting", "settings", "alias", "aliases",
    ]

    /// Verbs with which a title opens when it takes something out.
    static let removalVerbs: Set<Substring> = ["remove", "removes", "delete", "deletes", "drop", "drops"]

    /// Whether a title (padded words, as `TopicClassifier.titleWords` gives it) opens with one of `verbs`.
    static func opens(_ text: String, with verbs: Set<Substring>) -> Bool {
        // Most titles open with another verb: tested on the bytes before the title is split.
        let bytes = text.utf8.dropFirst()
        guard verbs.contains(where: { bytes.starts(with: $0.utf8) }) else { return false }
        return text.split(separator: " ").first.map(verbs.contains) == true
    }

    /// Whether a title (padded words, as `TopicClassifier.titleWords` gives it) opens by taking something out.
    static func opensWithRemoval(titleWords text: String) -> Bool {
        opens(text, with: removalVerbs)
    }

    /// A title that opens by deprecating something ("Deprecate AQT and related classes"): users hear that what
    /// they call will go. Only the opening verb: "Suppress deprecation warnings" deprecates nothing.
    static func opensWithDeprecation(titleWords text: String) -> Bool {
        opens(text, with: ["deprecate", "deprecates", "deprecating"])
    }

    /// A title that opens by taking something out of what the project supports: "Drop 0.16.0 support", "Remove
    /// llama4 models from support matrices". Users of it learn they are on their own.
    static func dropsSupport(titleWords text: String) -> Bool {
        opensWithRemoval(titleWords: text) && text.split(separator: " ").contains { ["support", "supported"].contains($0) }
    }

    /// A title about the release notes of a named version: "add release note for 0.15.0rc1", "[ReleaseNote] Add
    /// release notes for v0.16.0rc1" (tags are dropped from the words, so the phrase must be in the title
    /// itself). "Add release note skill" names no version.
    static func publishesReleaseNotes(titleWords text: String) -> Bool {
        guard text.byteOffset(of: " release note") != nil else { return false }
        return text.split(separator: " ").contains { word in
            let digits = word.drop { $0 == "v" }
            return digits.first?.isNumber == true && digits.contains(".")
        }
    }

    /// Verbs with which a title opens when it adds something.
    static let addingVerbs: Set<Substring> = [
        "add", "adds", "added", "adding", "expose", "exposes", "introduce", "introduces", "support", "supports", "allow", "allows",
    ]

    /// Words of a title about documenting something rather than doing it.
    static let documentingWords: Set<Substring> = ["doc", "docs", "documentation", "docstring", "docstrings", "readme"]

    /// A title that opens by adding something users type or call: "Add `--label` argument", "Add PerGroup
    /// granularity for Float8WeightOnly config", "Add cross attention support for low precision attention API".
    /// Not one that adds it to the documentation ("Added prototype low precision attention API to the docs").
    static func addsInterface(titleWords text: String) -> Bool {
        guard opens(text, with: addingVerbs) else { return false }
        let words = text.split(separator: " ")
        return !words.contains(where: documentingWords.contains) && words.dropFirst().contains { interfaceWords.contains(String($0)) }
    }

    /// A title that opens by removing something users type or call: "Remove \"rate\" as an alias for profile
    /// parameters", "Drop Prefetch MLP Env". Code that used it breaks.
    static func removesInterface(titleWords text: String) -> Bool {
        opensWithRemoval(titleWords: text) && text.split(separator: " ").dropFirst().contains { interfaceWords.contains(String($0)) }
    }

    /// Phrases with which a description says what went wrong, matched at the start of a word: only the
    /// unambiguous ones (a description may mention accuracy or precision without anything having failed).
    /// `whole`: the word must end there too (`hang`, not `hanging-indent`).
    static let describedFailures: [(bytes: [UInt8], whole: Bool)] = [
        ("crash", false), ("segfault", false), ("segmentation fault", false), ("deadlock", false), ("hang", true), ("hangs", true),
        ("corrupt", false), ("data loss", false), ("memory leak", false), ("race condition", false), ("double free", false),
        ("use after free", false), ("use-after-free", false), ("silently", false), ("incorrect result", false),
        ("wrong result", false), ("wrong output", false), ("incorrect output", false),
    ].map { (Array($0.0.utf8), $0.1) }

    /// A description that says what went wrong (its prose, template lines dropped): "fusing … silently produces
    /// incorrect results". The title may name only the remedy ("Skip linear+bn fusion when input is 3-D").
    /// One pass over the bytes, without a lowercased copy: descriptions are read for most PRs of a week.
    static func describesFailure(prose: String) -> Bool {
        var prose = prose
        return prose.withUTF8 { bytes in
            for start in bytes.indices where start == 0 || !bytes[start - 1].isASCIIAlphanumeric {
                let first = bytes[start].lowercasedASCII
                for phrase in describedFailures where phrase.bytes[0] == first && bytes.count - start >= phrase.bytes.count {
                    let end = start + phrase.bytes.count
                    guard phrase.bytes.indices.allSatisfy({ bytes[start + $0].lowercasedASCII == phrase.bytes[$0] }) else { continue }
                    if !phrase.whole || end == bytes.count || !bytes[end].isASCIIAlphanumeric { return true }
                }
            }
            return false
        }
    }

    /// Words that give a setting its value right after it is named.
    static let settingValues: Set<Substring> = ["to", "true", "false", "on", "off", "enabled", "disabled", "none"]

    /// A title that gives something a new default value: "default pad_token_groups=False", "Default the
    /// backend to flashinfer", "set X as default". The word `default` opening the title, followed within three
    /// words by a value (`=` separates words, so `=False` reads as `false`), or after `as`.
    static func setsDefault(titleWords text: String) -> Bool {
        guard text.byteOffset(of: " default ") != nil else { return false }
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated() where word == "default" {
            if index == 0 || words[index - 1] == "as" { return true }
            if words[(index + 1)..<min(words.count, index + 4)].contains(where: settingValues.contains) { return true }
        }
        return false
    }

    /// Phrases that name a failure or a break without reporting one, with how they are read instead: a check
    /// named after what it guards against ("Add accuracy test to deepseek nightly benchmarking", "Upload
    /// accuracy results in Json format", a regression test), or a change made so that nothing breaks ("keep a
    /// lower gdown to avoid breaking changes in 6.0.0").
    static let noNews: [(phrase: String, reading: String)] = [
        (" regression test", " test"), (" accuracy test", " test"), (" accuracy result", " test"), (" accuracy benchmark", " test"),
        (" accuracy eval", " test"), (" accuracy check", " test"), (" avoid breaking", " avoid"), (" prevent breaking", " prevent"),
        (" without breaking", " without"), (" no breaking", " no"),
    ]
    /// The words every `noNews` phrase holds: most titles hold none, and are read as they are.
    static let noNewsWords = [" accuracy ", " regression ", " breaking "]

    /// Padded title words with each `noNews` phrase read as what it reports.
    static func withoutFalseNews(_ text: String) -> String {
        guard noNewsWords.contains(where: { text.byteOffset(of: $0) != nil }) else { return text }
        return noNews.reduce(text) { text, entry in
            text.byteOffset(of: entry.phrase) == nil ? text : text.replacingOccurrences(of: entry.phrase, with: entry.reading)
        }
    }

    /// The phrases by their first byte, as bytes: a title is read once, each word start compared only with
    /// the phrases that begin with its letter (testing every phrase against the whole title was a few
    /// percent of a week's analysis).
    static let phrasesByFirstByte: [UInt8: [(impact: Impact, bytes: [UInt8])]] = Dictionary(
        grouping: words.flatMap { impact, phrases in phrases.map { (impact: impact, bytes: Array($0.utf8)) } },
        by: { $0.bytes[0] })

    /// The impacts whose phrases start at the start of a word of `text` (padded title words).
    static func phraseImpacts(_ text: String) -> [Impact] {
        var found: [Impact] = []
        var text = text
        text.withUTF8 { bytes in
            for start in bytes.indices where start > 0 && bytes[start - 1] == UInt8(ascii: " ") {
                for phrase in phrasesByFirstByte[bytes[start]] ?? [] where !found.contains(phrase.impact)
                    && bytes.count - start >= phrase.bytes.count
                    && phrase.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress! + start, $0.count) == 0 })
                {
                    found.append(phrase.impact)
                }
            }
        }
        return found
    }

    static func impacts(title: String, isBot: Bool, upstream: String? = nil) -> [Impact] {
        impacts(titleWords: TopicClassifier.titleWords(title), isBot: isBot, upstream: upstream)
    }

    /// `titleWords`: the title as `TopicClassifier.titleWords` gives it, read once per PR for both.
    /// `upstream`: the project this repository builds on (`upstream(of:)`), if any.
    /// `changesNoBehaviour`: the diff only restyles, renames or moves code (`RiskDetector.Result`): mechanical.
    /// `prose`: the description of a change to code, which may say what went wrong where the title does not.
    /// `labels`: the PR's labels; a `main2main` tag says the PR moves onto a newer upstream, whatever its words.
    static func impacts(
        titleWords text: String, isBot: Bool, upstream: String? = nil, changesNoBehaviour: Bool = false, prose: String? = nil,
        labels: [String] = []
    ) -> [Impact] {
        let matched = phraseImpacts(withoutFalseNews(text))
        var found = words.map(\.0).filter(matched.contains)
        if labels.contains("main2main") || syncsUpstream(titleWords: text, upstream: upstream) { found.append(.upstreamSync) }
        if !found.contains(.defaultChange) && setsDefault(titleWords: text) { found.append(.defaultChange) }
        if !found.contains(.breaking) && removesInterface(titleWords: text) { found.append(.breaking) }
        if opensWithDeprecation(titleWords: text) { found.append(.deprecation) }
        if addsInterface(titleWords: text) { found.append(.newInterface) }
        if !found.contains(.release) && dropsSupport(titleWords: text) { found.append(.release) }
        if publishesReleaseNotes(titleWords: text) { found.append(.releaseNotes) }
        if changesNoBehaviour && !found.contains(.mechanical) { found.append(.mechanical) }
        // A bot's version bump is upkeep, not a release of the project.
        if isBot { found = [.mechanical] }
        if !isBot && !found.contains(.failure), let prose, describesFailure(prose: prose) { found.append(.failure) }
        // A sweep that also fixes a failure is a fix: the failure is what matters.
        if found.contains(.failure) { found.removeAll { $0 == .mechanical } }
        // In the order the digest lists impacts, whichever rule found them.
        return Impact.allCases.filter(found.contains)
    }
}
