import Foundation
import PRHubModel

/// What analysis may know about a repository's earlier pull requests: their numbers, merge commits
/// and merge times, to resolve `#123` and commit shas into PRs of other weeks.
public struct HistoryIndex: Sendable {
    public typealias Entry = PullRequestReference

    let byNumber: [Int: Entry]
    let byShortSHA: [String: [Entry]]
    /// Exact titles, the latest PR of each: `Revert "Title"` names its PR this way.
    let byTitle: [String: Entry]
    /// Titles of three words or more, as lowercased words, keyed by their first three words (`startKey`).
    let byTitleStart: [Int: [(entry: Entry, words: [String])]]

    /// A key for three words made from their hash values: a description's words are each hashed once, not
    /// once per window of three. Keys of different words may collide; a match is always checked word by word.
    static func startKey(_ hashes: ArraySlice<Int>) -> Int {
        let start = hashes.startIndex
        return hashes[start] &* 1_000_003 &+ hashes[start + 1] &* 8_191 &+ hashes[start + 2]
    }

    /// `titlesSince` … `titlesUntil`: only PRs merged in that span can be named by title (a fix names work
    /// of the eight weeks before it, and the latest PR read is the last of the look-ahead), so other titles
    /// are left out of that index: it is built for every report.
    public init(_ entries: [Entry], titlesSince: Date = .distantPast, titlesUntil: Date = .distantFuture) {
        var numbers: [Int: Entry] = [:]
        var shas: [String: [Entry]] = [:]
        var titles: [Int: [(entry: Entry, words: [String])]] = [:]
        var exactTitles: [String: Entry] = [:]
        numbers.reserveCapacity(entries.count)
        shas.reserveCapacity(entries.count)
        exactTitles.reserveCapacity(entries.count)
        for entry in entries {
            numbers[entry.number] = entry
            shas[String(entry.sha.lowercasedByBytes().prefix(7)), default: []].append(entry)
            if exactTitles[entry.title].map({ $0.mergedAt <= entry.mergedAt }) ?? true { exactTitles[entry.title] = entry }
            guard entry.mergedAt >= titlesSince && entry.mergedAt < titlesUntil else { continue }
            let words = Self.titleWords(entry.title)
            if words.count >= 3, words.reduce(0, { $0 + $1.utf8.count }) >= 14 {
                titles[Self.startKey(words[0..<3].map(\.hashValue)[...]), default: []].append((entry, words))
            }
        }
        byNumber = numbers
        byShortSHA = shas
        byTitle = exactTitles
        byTitleStart = titles
    }

    /// The words of a title without its `[Tag]` groups and `(#N)` suffix.
    static func titleWords(_ title: String) -> [String] {
        var words = PlatformDetector.tokens(LinkDetector.untagged(title))
        if words.count > 1, let last = words.last, last.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), title.hasSuffix(")") {
            words.removeLast()
        }
        return words
    }

    /// Earlier PRs whose whole title (three words or more) appears, word for word, in `words`: how a
    /// description names the work it repairs without its number ("fix the unified draft parallel feature").
    func pullRequests(titledIn words: [String]) -> [Entry] {
        guard words.count >= 3 else { return [] }
        let hashes = words.map(\.hashValue)
        var found: [Entry] = []
        for start in 0...(words.count - 3) {
            guard let candidates = byTitleStart[Self.startKey(hashes[start..<start + 3])] else { continue }
            for (entry, title) in candidates where start + title.count <= words.count
                && words[start..<start + title.count].elementsEqual(title) && !found.contains(entry)
            {
                found.append(entry)
            }
        }
        return found
    }

    public static let empty = HistoryIndex([])

    /// How far back a fix may name earlier work by its title: eight weeks.
    public static let namedWorkWindow: TimeInterval = 8 * 7 * 86_400

    public func pullRequest(_ number: Int) -> Entry? { byNumber[number] }

    /// The PR whose merge commit starts with `sha` (7 to 40 hex digits), if exactly one does.
    public func pullRequest(sha: String) -> Entry? {
        let lower = sha.lowercasedByBytes()
        guard lower.count >= 7 else { return nil }
        let candidates = (byShortSHA[String(lower.prefix(7))] ?? []).filter { $0.sha.lowercasedByBytes().hasPrefix(lower) }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The PR whose title is exactly `title` (used for `Revert "Title (#N)"` without a number).
    public func pullRequest(title: String) -> Entry? { byTitle[title] }
}
