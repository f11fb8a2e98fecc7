/// A failed GitHub request. Messages never carry the token.
public struct GitHubError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 502/504 or a GraphQL timeout: the caller should ask for less (a smaller page).
        case serverTimeout
        /// Unreachable, reset, or a reply that broke off; already retried by the client.
        case connection
        /// 401, or a token without access.
        case unauthorized
        /// Anything else GitHub refused or answered in a shape we do not understand.
        case failed
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
