import Foundation
import PRHubModel

/// What analysis may know about a repository's earlier pull requests: their numbers, merge commits
/// and merge times, to resolve `#123` and commit shas into PRs of other weeks.
public struct HistoryIndex: Sendable {
    public typealias Entry = PullRequestReference

    let byNumber: [Int: Entry]
    let byShortSHA: [String: [Entry]]

    public init(_ entries: [Entry]) {
        var numbers: [Int: Entry] = [:]
        var shas: [String: [Entry]] = [:]
        for entry in entries {
            numbers[entry.number] = entry
            shas[String(entry.sha.lowercased().prefix(7)), default: []].append(entry)
        }
        byNumber = numbers
        byShortSHA = shas
    }

    public static let empty = HistoryIndex([])

    public func pullRequest(_ number: Int) -> Entry? { byNumber[number] }

    /// The PR whose merge commit starts with `sha` (7 to 40 hex digits), if exactly one does.
    public func pullRequest(sha: String) -> Entry? {
        let lower = sha.lowercased()
        guard lower.count >= 7 else { return nil }
        let candidates = (byShortSHA[String(lower.prefix(7))] ?? []).filter { $0.sha.lowercased().hasPrefix(lower) }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// The PR whose title is exactly `title` (used for `Revert "Title (#N)"` without a number).
    public func pullRequest(title: String) -> Entry? {
        byNumber.values.filter { $0.title == title }.max { $0.mergedAt < $1.mergedAt }
    }
}
