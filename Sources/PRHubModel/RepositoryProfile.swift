/// What PRHub needs to know about a repository to judge its pull requests: where the core is, how
/// folders map to modules, which paths are tests, docs and CI, how labels are spelled, which
/// platforms and environment variables matter, where dependencies are declared, and who the bots are.
/// Read from `.prhub.yml`, `--profile FILE`, a built-in preset, or inferred from history.
public struct RepositoryProfile: Codable, Sendable, Equatable {
    /// Where this profile came from (`preset`, `file`, `inferred`); not read from YAML.
    public var origin: String?
    public var corePaths: [PathPattern]
    public var modules: [Module]
    public var testPaths: [PathPattern]
    public var docsPaths: [PathPattern]
    public var ciPaths: [PathPattern]
    /// Raw label or title tag (lowercase) → label name.
    public var labelAliases: [String: String]
    public var platforms: [Platform]
    /// Platforms that are the repository's home ground, not a risk there (NPU in vllm-ascend).
    public var homePlatforms: [String]
    /// Regular expressions a variable name must match to count (`^VLLM_`); empty means any upper-case name.
    public var envVarPatterns: [String]
    /// Files that register environment variables (`vllm/envs.py`).
    public var envRegistries: [PathPattern]
    public var dependencyManifests: [PathPattern]
    /// Logins or names of bot accounts, besides anything ending in `[bot]`.
    public var bots: [String]
    /// Default language-model settings for `--writer llm` (flags override them; the key stays in the environment).
    public var llm: LLMSettings?

    public struct LLMSettings: Codable, Sendable, Equatable {
        public var url: String?
        public var model: String?
        public var concurrency: Int?
        public init(url: String? = nil, model: String? = nil, concurrency: Int? = nil) {
            self.url = url
            self.model = model
            self.concurrency = concurrency
        }
    }

    public struct Module: Codable, Sendable, Equatable {
        public var name: String
        public var paths: [PathPattern]
        public init(name: String, paths: [PathPattern]) {
            self.name = name
            self.paths = paths
        }
    }

    public struct Platform: Codable, Sendable, Equatable {
        public var name: String
        /// Lower-case words that name it in titles, tags and path segments.
        public var keywords: [String]
        /// Paths that are specific to it, besides keyword matches.
        public var paths: [PathPattern]
        public init(name: String, keywords: [String], paths: [PathPattern] = []) {
            self.name = name
            self.keywords = keywords
            self.paths = paths
        }

        enum CodingKeys: String, CodingKey { case name, keywords, paths }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
            paths = try c.decodeIfPresent([PathPattern].self, forKey: .paths) ?? []
        }
    }

    public init(
        origin: String? = nil, corePaths: [PathPattern] = [], modules: [Module] = [], testPaths: [PathPattern] = [],
        docsPaths: [PathPattern] = [], ciPaths: [PathPattern] = [], labelAliases: [String: String] = [:],
        platforms: [Platform] = [], homePlatforms: [String] = [], envVarPatterns: [String] = [],
        envRegistries: [PathPattern] = [], dependencyManifests: [PathPattern] = [], bots: [String] = []
    ) {
        self.origin = origin
        self.corePaths = corePaths
        self.modules = modules
        self.testPaths = testPaths
        self.docsPaths = docsPaths
        self.ciPaths = ciPaths
        self.labelAliases = labelAliases
        self.platforms = platforms
        self.homePlatforms = homePlatforms
        self.envVarPatterns = envVarPatterns
        self.envRegistries = envRegistries
        self.dependencyManifests = dependencyManifests
        self.bots = bots
    }

    enum CodingKeys: String, CodingKey {
        case corePaths, modules, testPaths, docsPaths, ciPaths, labelAliases, platforms, homePlatforms, envVarPatterns,
            envRegistries, dependencyManifests, bots, llm
    }

    /// Every key is optional in YAML; a missing one is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            corePaths: try c.decodeIfPresent([PathPattern].self, forKey: .corePaths) ?? [],
            modules: try c.decodeIfPresent([Module].self, forKey: .modules) ?? [],
            testPaths: try c.decodeIfPresent([PathPattern].self, forKey: .testPaths) ?? [],
            docsPaths: try c.decodeIfPresent([PathPattern].self, forKey: .docsPaths) ?? [],
            ciPaths: try c.decodeIfPresent([PathPattern].self, forKey: .ciPaths) ?? [],
            labelAliases: try c.decodeIfPresent([String: String].self, forKey: .labelAliases) ?? [:],
            platforms: try c.decodeIfPresent([Platform].self, forKey: .platforms) ?? [],
            homePlatforms: try c.decodeIfPresent([String].self, forKey: .homePlatforms) ?? [],
            envVarPatterns: try c.decodeIfPresent([String].self, forKey: .envVarPatterns) ?? [],
            envRegistries: try c.decodeIfPresent([PathPattern].self, forKey: .envRegistries) ?? [],
            dependencyManifests: try c.decodeIfPresent([PathPattern].self, forKey: .dependencyManifests) ?? [],
            bots: try c.decodeIfPresent([String].self, forKey: .bots) ?? [])
        llm = try c.decodeIfPresent(LLMSettings.self, forKey: .llm)
    }
}
