import Foundation

/// A merged pull request as the GitHub API describes it: the pull request, plus when GitHub last
/// saw it change (what incremental syncs compare against).
public struct GitHubPullRequest: Sendable, Hashable {
    public var pullRequest: PullRequest
    public var updatedAt: Date

    public init(pullRequest: PullRequest, updatedAt: Date) {
        self.pullRequest = pullRequest
        self.updatedAt = updatedAt
    }
}
