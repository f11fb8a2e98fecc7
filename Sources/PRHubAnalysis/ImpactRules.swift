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
            "out of memory", "silently"]),
        (.release, ["bump version", "version bump", "drop support", "end of support", "require torch", "requires torch",
            "minimum version", "compatibility table"]),
        (.breaking, ["breaking", "remove deprecated", "delete deprecated"]),
        (.mechanical, ["typo", "typos", "lint", "ruff", "pre-commit", "formatting", "reformat", "spelling"] + commentSweeps),
    ]

    /// Each phrase with the space before it, so it matches at the start of a word.
    static let paddedWords = words.map { ($0.0, $0.1.map { " " + $0 }) }

    static func impacts(title: String, isBot: Bool) -> [Impact] {
        impacts(titleWords: TopicClassifier.titleWords(title), isBot: isBot)
    }

    /// `titleWords`: the title as `TopicClassifier.titleWords` gives it, read once per PR for both.
    static func impacts(titleWords text: String, isBot: Bool) -> [Impact] {
        var found: [Impact] = []
        for (impact, phrases) in paddedWords where phrases.contains(where: { text.containsBytes($0) }) {
            found.append(impact)
        }
        // A bot's version bump is upkeep, not a release of the project.
        if isBot { found = [.mechanical] }
        // A sweep that also fixes a failure is a fix: the failure is what matters.
        if found.contains(.failure) { found.removeAll { $0 == .mechanical } }
        return found
    }
}
