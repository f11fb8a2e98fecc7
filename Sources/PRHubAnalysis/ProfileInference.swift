import PRHubModel

/// A profile for a repository PRHub has no preset for, inferred from its history: the defaults for
/// tests, docs, CI, manifests and platforms, and as core the source folders most changes touch.
public enum ProfileInference {
    /// - Parameter pathCounts: for each path in the history, how many changes touched it.
    /// - Parameter repository: `owner/name`; a platform its name names (`tpu-inference`) is its mainline.
    public static func infer(
        pathCounts: [String: Int], repository: String = "", maxCorePackages: Int = 3, mainPackageShare: Double = 0.2
    ) -> RepositoryProfile {
        explained(pathCounts: pathCounts, repository: repository, maxCorePackages: maxCorePackages, mainPackageShare: mainPackageShare).profile
    }

    /// The inferred profile with the reasons for it, one line each, for `prhub profile` to show.
    public static func explained(
        pathCounts: [String: Int], repository: String = "", maxCorePackages: Int = 3, mainPackageShare: Double = 0.2
    ) -> (profile: RepositoryProfile, reasons: [String]) {
        var reasons: [String] = []
        var leftOut: [String: Int] = [:]
        let classifier = PathClassifier(profile: RepositoryProfile())
        var folders: [String: Int] = [:]
        var total = 0
        var codeTouches = 0
        var platformTouches: [Int: Int] = [:]
        for (path, count) in pathCounts where classifier.kind(path) == .code {
            let facts = classifier.platformFacts(path)
            for index in facts.bySegment.union(facts.byToken) { platformTouches[index, default: 0] += count }
            codeTouches += count
            // Prototype and experimental trees ship with the package but are not the runtime users rely on;
            // scripts, tools, examples and benchmarks are code that users do not run.
            guard !isExperimental(path), !isPerModel(path), !RiskDetector.isTooling(path), let package = package(of: path) else {
                let what = isExperimental(path) ? "prototype and experimental trees" : isPerModel(path) ? "per-model trees"
                    : RiskDetector.isTooling(path) ? "scripts, tools, examples and benchmarks" : "files at the root"
                leftOut[what, default: 0] += count
                continue
            }
            folders[package, default: 0] += count
            total += count
        }
        // Core is the runtime code of the main package(s): every package folder holding a fifth of the code
        // changes (tests, docs, tooling and prototypes are left out by the classifier).
        let ranked = Statistics.ranked(folders)
        let main = ranked.filter { total > 0 && Double($0.1) / Double(total) >= mainPackageShare }.prefix(maxCorePackages)
        let core = main.map { PathPattern($0.0 + "/") }
        func percent(_ part: Int, of whole: Int) -> String { "\(Int((Double(part) * 100 / Double(max(1, whole))).rounded()))%" }
        for (package, count) in main {
            reasons.append("core \(package)/: a main package, \(percent(count, of: total)) of the code changes (tests, docs, CI, tooling, prototypes and per-model trees excluded)")
        }
        for (package, count) in ranked.dropFirst(main.count).prefix(3) {
            reasons.append("not core \(package)/: \(percent(count, of: total)) of the code changes, under the \(Int(mainPackageShare * 100))% a main package holds")
        }
        for (what, count) in leftOut.sorted(by: { $0.value > $1.value }) {
            reasons.append("not core: \(what) (\(count) \(count == 1 ? "change" : "changes"))")
        }
        var profile = RepositoryProfile(origin: "inferred", corePaths: Array(core)).filled()
        let home = homePlatforms(profile.platforms, touches: platformTouches, total: codeTouches, repository: repository)
        profile.homePlatforms = home.map(\.name)
        for platform in home {
            reasons.append("mainline platform \(platform.name): "
                + (platform.named ? "the repository's name names it" : "in the paths of \(percent(platform.touches, of: codeTouches)) of the code changes")
                + "; work for it is no platform risk")
        }
        reasons.append("tests, docs, CI, manifests and env registries: PRHub's default patterns (below)")
        return (profile, reasons)
    }

    /// The repository's mainline platforms: those its name names, or whose keyword is in the paths of at least
    /// a third of its code changes (`tpu_inference/…`). Work for them is the normal case, not a platform risk.
    static func homePlatforms(
        _ platforms: [RepositoryProfile.Platform], touches: [Int: Int], total: Int, repository: String
    ) -> [(name: String, named: Bool, touches: Int)] {
        let nameWords = Set(PlatformDetector.tokens(repository.split(separator: "/").last.map(String.init) ?? ""))
        return platforms.enumerated().compactMap { index, platform in
            let named = !nameWords.isDisjoint(with: platform.keywords)
            let count = touches[index] ?? 0
            return named || (total > 0 && Double(count) >= Double(total) / 3) ? (platform.name, named, count) : nil
        }
    }

    /// `prototype/` and `experimental/` folders anywhere in a path.
    static func isExperimental(_ path: String) -> Bool {
        path.split(separator: "/").dropLast().contains { $0 == "prototype" || $0 == "experimental" }
    }

    /// A per-model tree below a package's root (`tpu_inference/models/…`, `torchao/_models/…`): each file serves
    /// the users of one model family, as the presets have it (vLLM's, SGLang's and vllm-ascend's model folders
    /// are not core).
    static func isPerModel(_ path: String) -> Bool {
        path.split(separator: "/").dropFirst().dropLast().contains(where: modelFolders.contains)
    }

    /// Folder names of per-model trees.
    static let modelFolders: Set<Substring> = ["models", "_models"]

    /// A path pattern that names a per-model folder itself (`tpu_inference/models/`): the profile's author
    /// wants that tree core.
    static func namesModels(_ pattern: String) -> Bool {
        pattern.split(separator: "/").contains(where: modelFolders.contains)
    }

    /// The package folder a code path belongs to: its first folder, or the one under a `src/`, `lib/` or
    /// `python/` wrapper (`src/guidellm/…` → `src/guidellm`); nil for files at the root.
    static func package(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        if ["src", "lib", "python"].contains(parts[0].lowercased()) {
            return parts.count >= 3 ? "\(parts[0])/\(parts[1])" : nil
        }
        return String(parts[0])
    }
}
