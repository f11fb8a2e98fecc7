/// One file touched by a commit, as `git log --numstat` reports it.
public struct FileChange: Codable, Sendable, Hashable {
    public var path: String
    public var additions: Int
    public var deletions: Int
    /// Binary files have no line counts; additions and deletions are then 0.
    public var isBinary: Bool

    public init(path: String, additions: Int, deletions: Int, isBinary: Bool = false) {
        self.path = path
        self.additions = additions
        self.deletions = deletions
        self.isBinary = isBinary
    }
}
