import Foundation

/// A stored pull request reduced to what links across weeks need: its number, merge commit, title
/// and merge time.
public struct PullRequestReference: Sendable, Hashable {
    public var number: Int
    public var sha: String
    public var title: String
    public var mergedAt: Date

    public init(number: Int, sha: String, title: String, mergedAt: Date) {
        self.number = number
        self.sha = sha
        self.title = title
        self.mergedAt = mergedAt
    }
}
