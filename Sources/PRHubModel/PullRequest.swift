import Foundation

/// A merged pull request: what every stage after the source works on.
public struct PullRequest: Codable, Sendable, Hashable {
    public var number: Int
    public var title: String
    public var body: String
    public var authorName: String
    public var authorEmail: String
    /// GitHub login, when the source knows it (a noreply address, or the GitHub API).
    public var login: String?
    public var mergedAt: Date
    /// The squash or merge commit on the first-parent history.
    public var mergeSHA: String
    public var files: [FileChange]
    /// False when the source could not tell which files the PR changed (the boundary of a shallow clone).
    public var filesKnown = true
    /// Labels set on GitHub; empty for a git-only source.
    public var githubLabels: [String]
    /// Reviews and comments from GitHub; nil for a git-only source.
    public var discussion: Discussion?

    public init(
        number: Int, title: String, body: String, authorName: String, authorEmail: String, login: String?,
        mergedAt: Date, mergeSHA: String, files: [FileChange], githubLabels: [String] = [], discussion: Discussion? = nil
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.login = login
        self.mergedAt = mergedAt
        self.mergeSHA = mergeSHA
        self.files = files
        self.githubLabels = githubLabels
        self.discussion = discussion
    }

    public var additions: Int { files.reduce(0) { $0 + $1.additions } }
    public var deletions: Int { files.reduce(0) { $0 + $1.deletions } }
}
