/// One file touched by a commit, as `git log --numstat` reports it.
public struct FileChange: Codable, Sendable, Hashable {
    public var path: String
    public var additions: Int
    public var deletions: Int
    /// Binary files have no line counts; additions and deletions are then 0.
    public var isBinary: Bool
    /// False when the clone lacks the file's contents (a partial clone, a damaged mirror): the file was
    /// changed, but by how many lines is unknown, and additions and deletions are 0.
    public var linesKnown: Bool

    public init(path: String, additions: Int, deletions: Int, isBinary: Bool = false, linesKnown: Bool = true) {
        self.path = path
        self.additions = additions
        self.deletions = deletions
        self.isBinary = isBinary
        self.linesKnown = linesKnown
    }
}
