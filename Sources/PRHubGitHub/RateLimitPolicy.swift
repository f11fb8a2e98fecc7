import Foundation

/// What to do after a GitHub reply, decided from its status, headers and (for GraphQL) error types alone.
/// Pure, so every rule is tested without a server.
public enum RateLimitPolicy {
    public enum Decision: Sendable, Equatable {
        case proceed
        /// Retry the same request after the wait; `reason` is said to the user.
        case wait(seconds: Double, reason: String)
        /// The page was too big for GitHub to answer in time.
        case shrink
        case fail(GitHubError.Kind, String)
    }

    /// The facts of one reply that the rules look at.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        /// GraphQL error `type`s in a 200 body (`RATE_LIMITED`, …).
        public var graphQLErrorTypes: [String]
        /// The first lines of the body, for secondary-limit wording and error messages.
        public var bodyPrefix: String
        public var now: Date

        public init(status: Int, headers: [String: String], graphQLErrorTypes: [String] = [], bodyPrefix: String = "", now: Date) {
            self.status = status
            self.headers = headers
            self.graphQLErrorTypes = graphQLErrorTypes
            self.bodyPrefix = bodyPrefix
            self.now = now
        }

        func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// Seconds until `x-ratelimit-reset` (plus a second of slack), if the header is there.
        var secondsToReset: Double? {
            guard let reset = header("x-ratelimit-reset").flatMap(Double.init), reset.isFinite else { return nil }
            return max(1, reset - now.timeIntervalSince1970 + 1)
        }
    }

    /// Waits for secondary limits without `retry-after` grow: 60 s, 120 s, 240 s …
    public static func secondaryBackoff(attempt: Int) -> Double { 60 * pow(2, Double(min(attempt, 4))) }

    public static func decide(_ reply: Reply, attempt: Int) -> Decision {
        let status = reply.status
        if status == 200 || status == 304 {
            if reply.graphQLErrorTypes.contains("RATE_LIMITED") {
                return .wait(seconds: reply.secondsToReset ?? secondaryBackoff(attempt: attempt), reason: "GraphQL rate limit reached")
            }
            return .proceed
        }
        if status == 502 || status == 504 { return .shrink }
        if status == 403 || status == 429 {
            if let retry = reply.header("retry-after").flatMap(Double.init), !retry.isNaN {
                return .wait(seconds: max(1, retry), reason: "GitHub asked to retry later (retry-after)")
            }
            if reply.header("x-ratelimit-remaining") == "0", let seconds = reply.secondsToReset {
                return .wait(seconds: seconds, reason: "rate limit exhausted")
            }
            if status == 429 || reply.bodyPrefix.lowercased().contains("secondary rate limit") {
                return .wait(seconds: secondaryBackoff(attempt: attempt), reason: "secondary rate limit")
            }
            return .fail(.unauthorized, "GitHub refused the request (HTTP \(status)): \(firstLine(reply.bodyPrefix))")
        }
        if status == 401 { return .fail(.unauthorized, "GitHub rejected the token (HTTP 401); check GITHUB_TOKEN") }
        if status >= 500 { return .wait(seconds: pow(2, Double(min(attempt, 5))), reason: "GitHub answered HTTP \(status)") }
        return .fail(.failed, "GitHub answered HTTP \(status): \(firstLine(reply.bodyPrefix))")
    }

    /// True when the quota is used up after a successful reply: the next request would fail.
    public static func exhausted(_ reply: Reply) -> Double? {
        guard reply.header("x-ratelimit-remaining") == "0" else { return nil }
        return reply.secondsToReset
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return String(line.prefix(200))
    }
}
