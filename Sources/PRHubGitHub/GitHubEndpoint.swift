import Foundation

/// Where the API lives: github.com or a GitHub Enterprise Server.
public struct GitHubEndpoint: Sendable, Equatable {
    /// REST root without a trailing slash, e.g. `https://api.github.com` or `https://ghe.example.com/api/v3`.
    public let restURL: String
    /// `https://api.github.com/graphql`, or `https://ghe.example.com/api/graphql` for Enterprise.
    public let graphQLURL: String

    public static let github = try! GitHubEndpoint("https://api.github.com")

    /// Accepts only http(s) URLs; Enterprise's `/api/v3` root maps to its `/api/graphql`.
    public init(_ apiURL: String) throws {
        var root = apiURL
        while root.hasSuffix("/") { root.removeLast() }
        guard let url = URL(string: root), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            url.host?.isEmpty == false, url.user == nil, url.query == nil
        else {
            throw GitHubError(.failed, "--api-url must be an http(s) URL such as https://api.github.com, got '\(apiURL.prefix(80))'")
        }
        restURL = root
        graphQLURL = root.hasSuffix("/api/v3") ? String(root.dropLast(2)) + "graphql" : root + "/graphql"
    }
}
