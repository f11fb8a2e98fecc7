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
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw PRHubError(.invalidProfile, "cannot read profile '\(file)'")
            }
            return try ProfileYAML.decode(text, source: file).filled()
        }
        if let repository, let text = repository.profileText() {
            return try ProfileYAML.decode(text, source: ".prhub.yml").filled()
        }
        if let preset = ProfilePresets.preset(for: name.description) { return preset.filled() }
        return ProfileInference.infer(pathCounts: try store.pathChangeCounts(name))
    }
}
