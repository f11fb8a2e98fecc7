import Foundation
import PRHubModel

/// Resolves reverts and follow-up fixes to the pull requests they act on.
struct LinkDetector {
    let repository: String
    let history: HistoryIndex

    /// What linked a PR to earlier work: the work itself when it is known, or the words that name it.
    struct Evidence {
        var link: RiskFinding.LinkedWork?
        var quote: RiskFinding.Quote?

        func finding(_ kind: RiskKind) -> RiskFinding {
            RiskFinding(kind: kind, links: link.map { [$0] }, quote: quote)
        }
    }

    struct Links {
        var reverts: Int?
        var revertEvidence: Evidence?
        var fixes: [Int] = []
        /// At most two: the first links are the ones a reader needs.
        var fixEvidence: [Evidence] = []
        var upstream: [String] = []
        /// Same-repository numbers named with a closing keyword (`Fixes #12`) that are not known PRs: issues.
        var issues: [Int] = []
    }

    func links(of pr: PullRequest, labels: [String]) -> Links {
        var links = Links()
        let references = ReferenceFinder(repository: repository).references(in: pr.title + "\n\n" + pr.body)
        links.upstream = references.compactMap { if case .upstream(let u) = $0.target { u } else { nil } }
        for number in !ReferenceFinder.hasNumberSign(pr.body) ? [] : ReferenceSyntax.closedNumbers(in: pr.body)
        where history.pullRequest(number) == nil && !links.issues.contains(number) {
            links.issues.append(number)
        }

        if let revert = revertTarget(pr, references: references) {
            links.reverts = revert.number
            links.revertEvidence = revert.evidence
        } else if Self.untagged(pr.title).lowercasedByBytes().hasPrefix("revert")
            || pr.body.containsBytes("git revert") && pr.body.matches(pattern: #"(?m)^\s*git revert [0-9a-f]{7,40}"#)
        {
            links.revertEvidence = Evidence(quote: .init(pr.title, from: .title))
        }
        let relands = Self.relandsEarlierWork(pr.title)
        guard links.revertEvidence == nil, relands || isFix(pr, labels: labels) else { return links }
        var evidence: [Evidence] = []
        for reference in references where !isPort(reference.sentence) {
            guard let earlier = pullRequest(reference.target), isEarlier(earlier, than: pr), !links.fixes.contains(earlier.number),
                // A re-land completes the reverted work, not the revert that it names along the way.
                !(relands && Self.untagged(earlier.title).lowercasedByBytes().hasPrefix("revert"))
            else { continue }
            links.fixes.append(earlier.number)
            // The sentence as a reader sees it: `[text](url)` shows as its text.
            var link = describe(earlier)
            link.sentence = DescriptionReader.stripMarkdown(reference.sentence).clipped(to: 160)
            evidence.append(Evidence(link: link))
        }
        if evidence.isEmpty, let named = namedEarlierWork(pr) {
            links.fixes.append(contentsOf: named.numbers)
            evidence.append(named.evidence)
        }
        links.fixEvidence = Array(evidence.prefix(2))
        return links
    }

    static func opensWithRevert(_ body: String) -> Bool {
        guard body.containsBytes("evert") else { return false }
        let first = DescriptionReader.clean(DescriptionReader.stripComments(body)).lines().first?.trimmedSlice().lowercasedByBytes() ?? ""
        return first == "revert" || first.hasPrefix("revert ")
    }

    /// The known PR a reference points at: by number or by merge commit; none for other repositories.
    private func pullRequest(_ target: ReferenceFinder.Reference.Target) -> HistoryIndex.Entry? {
        switch target {
        case .pullRequest(let number): history.pullRequest(number)
        case .commit(let sha): history.pullRequest(sha: sha)
        case .upstream: nil
        }
    }

    private func isEarlier(_ earlier: HistoryIndex.Entry, than pr: PullRequest) -> Bool {
        earlier.number != pr.number && earlier.mergedAt < pr.mergedAt
    }

    /// `Reapply "…"`, `Reland …`, `Restore …`: the PR lands reverted work again, a follow-up of it.
    static func relandsEarlierWork(_ title: String) -> Bool {
        let lower = untagged(title).lowercasedByBytes()
        return ["reapply", "re-apply", "reland", "re-land", "restore pr", "restore #"].contains { lower.hasPrefix($0) }
    }

    /// Earlier work a fix names without a number: the whole title of a PR merged in the eight weeks
    /// before ("fix the unified draft parallel feature"), or "introduced by the … PR" (left unresolved).
    private func namedEarlierWork(_ pr: PullRequest) -> (numbers: [Int], evidence: Evidence)? {
        // The author's own account opens the description: its first 2,000 bytes, hard-wrapped lines joined.
        let body = String(decoding: pr.body.utf8.prefix(2_000).map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
        // A PR whose own title opens with the earlier title ("adapt to main2main for model runnerv2 and …")
        // repeats recurring work rather than repairing it ("fix the unified draft parallel feature" does
        // repair); letters are compared without spaces.
        let ownTitle = HistoryIndex.titleWords(pr.title).joined()
        let titled = history.pullRequests(titledIn: PlatformDetector.tokens(body)).filter {
            isEarlier($0, than: pr) && pr.mergedAt.timeIntervalSince($0.mergedAt) < HistoryIndex.namedWorkWindow
                && !ownTitle.hasPrefix(HistoryIndex.titleWords($0.title).joined())
        }
        if let first = titled.first {
            return (titled.map(\.number), Evidence(link: describe(first)))
        }
        // The cause phrases are rare: look for them by bytes before any sentence is split or regex run.
        let lower = body.lowercasedByBytes()
        guard Self.causePhrases.contains(where: { lower.containsBytes($0) }) else { return nil }
        for sentence in DescriptionReader.sentences(body) {
            let lowerSentence = sentence.lowercasedByBytes()
            guard Self.causePhrases.contains(where: { lowerSentence.containsBytes($0) }),
                !ReferenceFinder.matches(Self.causedByUnnamedPR, in: sentence).isEmpty,
                // An upstream PR (vLLM's, a library's) is not earlier work of this repository.
                !["upstream", "vllm pr", "community", "://"].contains(where: { lowerSentence.containsBytes($0) })
            else { continue }
            return ([], Evidence(quote: .init(sentence.trimmed().clipped(to: 160), from: .description)))
        }
        return nil
    }

    /// "… introduced by the parallel speculative inference PR": a sentence naming the PR that caused the bug.
    static let causePhrases = ["introduced by", "introduced in", "caused by", "broken by", "regressed by", "regressed in"]
    static let causedByUnnamedPR =
        #"(?i)\b(?:introduced|caused|broken|regressed)\s+(?:by|in)\s+(?:the|a|an|our)\s+(?:previous\s+|earlier\s+|recent\s+|last\s+)?[^.#\n]{0,60}?\b(?:pr|pull request)\b"#

    /// `Revert "Title (#12)" (#34)`, "This reverts commit <sha>", "reverts #12".
    private func revertTarget(_ pr: PullRequest, references: [ReferenceFinder.Reference]) -> (number: Int?, evidence: Evidence)? {
        let title = Self.untagged(pr.title)
        if title.hasPrefix("Revert \"") || title.hasPrefix("Revert '") {
            let quoted = String(title.dropFirst(8).dropLast(title.hasSuffix("\"") || title.hasSuffix("'") ? 1 : 0))
            if let (_, number) = squashSuffix(quoted), let entry = history.pullRequest(number) {
                return (number, Evidence(link: describe(entry)))
            }
            if let entry = history.pullRequest(title: quoted) { return (entry.number, Evidence(link: describe(entry))) }
        }
        // "rollback https://github.com/OWNER/NAME/pull/12", "Roll back #12": the title names the work it undoes.
        if Self.rollsBack(title) {
            for reference in ReferenceFinder(repository: repository).references(in: title) {
                if let entry = pullRequest(reference.target), entry.number != pr.number { return (entry.number, Evidence(link: describe(entry))) }
            }
        }
        let body = pr.body
        // Every pattern below needs the word "revert": skip the regexes when it is absent.
        guard title.lowercasedByBytes().containsBytes("revert") || body.containsBytes("evert") || body.containsBytes("EVERT") else { return nil }
        for match in ReferenceFinder.matches(#"(?i)(?:this reverts commit|git revert) ([0-9a-f]{7,40})"#, in: body) {
            if let entry = history.pullRequest(sha: match[1]) { return (entry.number, Evidence(link: describe(entry))) }
        }
        // A description that opens with "Revert https://github.com/…/commit/<sha>": the whole PR is a revert
        // (a "4. Revert #12" further down is one step of a larger change). The sha may be unknown here.
        if Self.opensWithRevert(body) {
            for reference in references where reference.sentence.lowercasedByBytes().hasPrefix("revert ") {
                if case .upstream = reference.target { continue }
                if let entry = pullRequest(reference.target), entry.number != pr.number { return (entry.number, Evidence(link: describe(entry))) }
                return (nil, Evidence(quote: .init(reference.sentence.clipped(to: 160), from: .description)))
            }
        }
        for match in ReferenceFinder.matches(#"(?i)\breverts?\s+(?:pr\s+)?#(\d+)"#, in: title + "\n" + body) {
            if let number = Int(match[1]), let entry = history.pullRequest(number), number != pr.number {
                return (number, Evidence(link: describe(entry)))
            }
        }
        return nil
    }

    /// A title that opens by rolling something back: a revert when what it names is earlier work of this
    /// repository ("rollback causal_conv1d_fn to torch ops" names none, and stays what it is).
    static func rollsBack(_ title: String) -> Bool {
        let lower = title.lowercasedByBytes()
        return lower.hasPrefix("rollback ") || lower.hasPrefix("roll back ") || lower.hasPrefix("roll-back ")
    }

    /// The earlier PR with its title and the week it was merged in (UTC).
    private func describe(_ entry: HistoryIndex.Entry) -> RiskFinding.LinkedWork {
        let day = LocalDate(daysSinceEpoch: Int((entry.mergedAt.timeIntervalSince1970 / 86_400).rounded(.down)))
        return .init(number: entry.number, title: entry.title.clipped(to: 100), week: ISOWeek(containing: day).description)
    }

    /// `Title (#12)`, or `Title (owner#12)` as a fork's merge writes it, when `owner` is this repository's.
    private func squashSuffix(_ text: String) -> (String, Int)? {
        guard text.hasSuffix(")"), let open = text.range(of: "(", options: .backwards),
            let hash = text[open.upperBound...].firstIndex(of: "#")
        else { return nil }
        let owner = text[open.upperBound..<hash].lowercasedByBytes()
        let repository = repository.lowercasedByBytes()
        guard owner.isEmpty || owner == repository || repository.hasPrefix(owner + "/"),
            let number = Int(text[text.index(after: hash)..<text.index(before: text.endIndex)])
        else { return nil }
        return (String(text[..<open.lowerBound]).trimmed(), number)
    }

    private func isFix(_ pr: PullRequest, labels: [String]) -> Bool {
        if labels.contains("bugfix") { return true }
        let lower = pr.title.lowercasedByBytes()
        // "[CI] Recover the test that #12 skipped by mistake" repairs #12 too.
        return lower.hasPrefix("fix") || lower.hasPrefix("hotfix") || lower.containsBytes(" fix ") || lower.containsBytes("regression")
            || Self.untagged(pr.title).lowercasedByBytes().hasPrefix("recover")
    }

    /// A backport or cherry-pick names the PR it copies, and "depends on #N" the PR it builds on; neither is a fix of it.
    /// A sentence that names another PR without saying this one repairs it: a port, a sync, a comparison, a
    /// place in a series.
    private func isPort(_ sentence: String) -> Bool {
        let lower = sentence.lowercasedByBytes()
        // "port" as a word: "support", "report" and "import" contain it too.
        let words = Set(PlatformDetector.tokens(lower))
        return !words.isDisjoint(with: ["port", "ported", "porting", "ports", "backport", "backported", "reland"])
            || ["cherry-pick", "cherry pick", "sync with", "same as", "same way", "similar to", "re-pull",
                "cherrypick", "depends on", "depend on", "dependent on", "on top of",
                // Sentences that name another PR to set it apart or to place this one in a series repair nothing.
                "distinct from", "different from", "unlike ", "see also", "part of", "of the suggested", "in the series",
                "next step"].contains { lower.containsBytes($0) }
    }

    /// The title without leading `[Tag]` groups.
    static func untagged(_ title: String) -> String {
        // By bytes: `[`, `]`, space and colon are ASCII, so every cut falls on a character boundary.
        let utf8 = title.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex, utf8[start] == UInt8(ascii: "["),
            let close = utf8[start...].firstIndex(of: UInt8(ascii: "]"))
        {
            start = utf8[utf8.index(after: close)...].firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ":") } ?? utf8.endIndex
        }
        return start == utf8.startIndex ? title : String(title[start...])
    }
}
