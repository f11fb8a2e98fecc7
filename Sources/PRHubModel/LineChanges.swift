/// The added and removed lines of one file in one diff (only read for files whose text matters:
/// dependency manifests and environment-variable registries).
public struct LineChanges: Sendable, Hashable {
    public var added: [String]
    public var removed: [String]
    public init(added: [String] = [], removed: [String] = []) {
        self.added = added
        self.removed = removed
    }
}
