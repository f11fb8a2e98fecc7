import Foundation
import PRHubAnalysis
import PRHubGit
import PRHubModel
import PRHubStore

/// Chooses a repository's profile: `--profile FILE`, else `.prhub.yml` at the clone's root, else the
/// built-in preset for its name, else one inferred from the stored history.
public enum ProfileResolver {
    public static func resolve(
        file: String?, repository: GitRepository?, name: RepositoryName, store: Store
    ) throws -> RepositoryProfile {
        try resolve(declared: declared(file: file, repository: repository, name: name), name: name, store: store)
    }

    /// `declared`: what `declared(file:repository:name:)` found, read once by a caller that needs it twice.
    public static func resolve(declared: RepositoryProfile?, name: RepositoryName, store: Store) throws -> RepositoryProfile {
        if let declared { return declared }
        return ProfileInference.infer(pathCounts: try store.pathChangeCounts(name), repository: name.description)
    }

    /// The profile `resolve(declared:name:store:)` gives, with why an inferred one is what it is (a line per
    /// decision; none for a file, `.prhub.yml` or preset): the history is counted once for both.
    public static func explained(
        declared: RepositoryProfile?, name: RepositoryName, store: Store
    ) throws -> (profile: RepositoryProfile, reasons: [String]) {
        if let declared { return (declared, []) }
        return ProfileInference.explained(pathCounts: try store.pathChangeCounts(name), repository: name.description)
    }

    /// The files whose diff text the analysis reads, known before any history is stored: inference only
    /// picks core folders, so without a chosen profile the default manifests and registries apply.
    public static func diffFilter(file: String?, repository: GitRepository?, name: RepositoryName) throws -> @Sendable (String) -> Bool {
        diffFilter(declared: try declared(file: file, repository: repository, name: name))
    }

    public static func diffFilter(declared: RepositoryProfile?) -> @Sendable (String) -> Bool {
        GitHubSync.diffFilter(profile: declared ?? RepositoryProfile().filled())
    }

    /// `--profile FILE`, else the clone's `.prhub.yml`, else the preset for the name; nil for none.
    public static func declared(file: String?, repository: GitRepository?, name: RepositoryName) throws -> RepositoryProfile? {
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw PRHubError(.invalidProfile, "cannot read profile '\(file)'")
            }
            return try ProfileYAML.decode(text, source: file).filled()
        }
        if let repository, let text = repository.profileText() {
            return try ProfileYAML.decode(text, source: ".prhub.yml").filled()
        }
        return ProfilePresets.preset(for: name.description)?.filled()
    }
}
