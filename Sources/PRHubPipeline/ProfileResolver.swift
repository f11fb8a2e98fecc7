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
        if let chosen = try chosen(file: file, repository: repository, name: name) { return chosen }
        return ProfileInference.infer(pathCounts: try store.pathChangeCounts(name), repository: name.description)
    }

    /// Why an inferred profile is what it is, a line per decision; empty for a file, `.prhub.yml` or preset.
    public static func reasons(file: String?, repository: GitRepository?, name: RepositoryName, store: Store) throws -> [String] {
        guard try chosen(file: file, repository: repository, name: name) == nil else { return [] }
        return ProfileInference.explained(pathCounts: try store.pathChangeCounts(name), repository: name.description).reasons
    }

    /// The files whose diff text the analysis reads, known before any history is stored: inference only
    /// picks core folders, so without a chosen profile the default manifests and registries apply.
    public static func diffFilter(file: String?, repository: GitRepository?, name: RepositoryName) throws -> @Sendable (String) -> Bool {
        GitHubSync.diffFilter(profile: try chosen(file: file, repository: repository, name: name) ?? RepositoryProfile().filled())
    }

    /// `--profile FILE`, else the clone's `.prhub.yml`, else the preset for the name; nil for none.
    private static func chosen(file: String?, repository: GitRepository?, name: RepositoryName) throws -> RepositoryProfile? {
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
