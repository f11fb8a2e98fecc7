import Foundation

/// A first-parent commit read from a source, before it is recognised as a pull request or not.
public struct Commit: Sendable, Hashable {
    public var sha: String
    public var parentCount: Int
    public var authorName: String
    public var authorEmail: String
    /// Committer date: for a squash or merge commit, the moment the pull request was merged.
    public var committedAt: Date
    public var message: String
    public var files: [FileChange]
    /// False for the boundary commit of a shallow clone: git shows it as adding every file of its tree,
    /// which it did not, so its files are left empty and marked unknown.
    public var filesKnown = true

    public init(
        sha: String, parentCount: Int, authorName: String, authorEmail: String, committedAt: Date,
        message: String, files: [FileChange]
    ) {
        self.sha = sha
        self.parentCount = parentCount
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.committedAt = committedAt
        self.message = message
        self.files = files
    }

    /// The first line of the message.
    public var subject: String {
        message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    }
}
