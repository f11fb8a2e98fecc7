import PRHubReport

/// How `prhub serve` runs.
public struct ServerOptions: Sendable {
    public var host: String
    public var port: Int
    public var defaultLanguage: Language
    /// Bearer token for repository management routes; without one, those routes do not exist.
    public var adminToken: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, defaultLanguage: Language = .zh, adminToken: String? = nil) {
        self.host = host
        self.port = port
        self.defaultLanguage = defaultLanguage
        self.adminToken = adminToken
    }
}
