/// Why a change matters to a lead, read from its title: rules behind importance, kept in the digest. A
/// failure, a release, a deprecation, a changed default or an upstream sync makes a PR worth a read
/// (importance at least 3), and so does a new interface in product code; a breaking change adds one, and a
/// mechanical sweep stays at 2 or below whatever its size.
public enum Impact: String, Codable, Sendable, CaseIterable {
    /// Crashes, hangs, deadlocks, races, memory safety, data loss or corruption, security, wrong results.
    case failure
    /// A release, a version bump of the project itself, a raised requirement or a dropped support.
    case release
    /// Removal or renaming of something users call, or a stated breaking change.
    case breaking
    /// Something users call is marked deprecated: they must move off it before it is removed.
    case deprecation
    /// What users get without asking changes: a feature enabled or disabled by default, a new default value.
    case defaultChange = "default-change"
    /// Something users type or call is added: an option, a flag, a CLI argument, a config field, an API. They can
    /// use it from this release on: worth a read when product code changes and it is no fix.
    case newInterface = "new-interface"
    /// The project moves onto a newer version of the project it builds on (a plugin onto vLLM's main):
    /// every user inherits it, and it is often what the rest of the week adapts to.
    case upstreamSync = "upstream-sync"

    /// A formatting, lint, typo, rename or bot upkeep sweep: never more than 2.
    case mechanical
    /// The notes of a named release are published ("Add release note for v0.17.0rc1"): a document, no more
    /// important for it, but the week's report tells the lead a release is out.
    case releaseNotes = "release-notes"
}
