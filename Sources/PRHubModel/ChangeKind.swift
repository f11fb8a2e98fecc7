/// What kind of change a PR is, from its tags, title and files: one per PR, in the priority order a tag
/// decides it (a revert is a revert whatever else it touches).
public enum ChangeKind: String, Codable, Sendable, CaseIterable {
    case revert, performance, quantization, model, distributed, platform, feature, bugfix, refactor, ci, doc, other

    /// Upkeep (CI, tests, docs): never the week's substance.
    public var isUpkeep: Bool { self == .ci || self == .doc }
}
