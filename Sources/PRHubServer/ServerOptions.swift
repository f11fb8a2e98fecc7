import PRHubModel
import PRHubReport

/// How `prhub serve` runs.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    public var defaultLanguage: Language
    /// Bearer token for repository management routes; without one, those routes do not exist.
    public var adminToken: String?
    /// One log line per request (swift-log, level info).
    public var accessLog: Bool
    /// GitHub token and API root for the sync route (`GITHUB_TOKEN`; never sent anywhere but the API).
    public var githubToken: String?
    public var githubAPI: String
    /// With `--config`: the hub's schedule and last pass, shown at `/hub` and in `/metrics`.
    public var hub: HubStatus?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, defaultLanguage: Language = .zh, adminToken: String? = nil,
        accessLog: Bool = true, githubToken: String? = nil, githubAPI: String = "https://api.github.com"
    ) {
        self.host = host
        self.port = port
        self.defaultLanguage = defaultLanguage
        self.adminToken = adminToken
        self.accessLog = accessLog
        self.githubToken = githubToken
        self.githubAPI = githubAPI
    }
}
