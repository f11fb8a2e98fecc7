import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PRHubModel

/// Talks to the GitHub API one request at a time, within its rate limits.
///
/// Every request waits out an exhausted quota (`x-ratelimit-remaining: 0` until `x-ratelimit-reset`), honours
/// `retry-after`, backs off on secondary limits and 5xx, retries dropped connections, and reports 502/504 as
/// `serverTimeout` so the caller can ask for a smaller page. A whole reply must arrive within a deadline (a
/// server that accepts and never answers, or dribbles its body, is dropped and retried, saying so); no wait
/// is longer than a cap, whatever the server asks. The token goes into the `Authorization` header and
/// nowhere else: it is masked in every message, and the server's text is shown inert (no escape sequences,
/// no line breaks that could forge another line). Callers await each request before the next (the sync is
/// sequential), so requests are serial.
public actor GitHubClient {
    public let endpoint: GitHubEndpoint
    private let token: String?
    private let http: HTTPClient
    private let notice: @Sendable (String) -> Void
    private let sleep: @Sendable (Double) async throws -> Void
    private let now: @Sendable () -> Date

    /// Requests sent (every attempt counts) and GraphQL points spent, for the sync summary.
    public private(set) var requests = 0
    public private(set) var points = 0
    /// The quota left after the last reply, when GitHub said.
    public private(set) var remaining: Int?
    /// GitHub's clock at the first reply: syncs record it so the next one can ask for "updated since".
    public private(set) var firstServerDate: Date?
    private var waitBeforeNext: Double?

    static let connectionAttempts = 5
    static let waitAttempts = 8
    /// Seconds a whole reply (head and body) may take to arrive.
    let responseDeadline: Double
    /// The longest wait for a rate limit: GitHub's quotas reset within the hour, so a longer wait asked for
    /// is a fault, reported instead of slept through.
    let longestWait: Double

    public init(
        endpoint: GitHubEndpoint, token: String?, notice: @escaping @Sendable (String) -> Void = { _ in },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) },
        now: @escaping @Sendable () -> Date = { Date() }, http: HTTPClient = GitHubClient.sharedHTTP,
        responseDeadline: Double = 60, longestWait: Double = 3_660
    ) {
        self.endpoint = endpoint
        self.token = token
        self.notice = notice
        self.sleep = sleep
        self.now = now
        self.http = http
        self.responseDeadline = responseDeadline
        self.longestWait = longestWait
    }

    /// No connection retries inside the HTTP client: this client counts and paces every attempt itself.
    public static let sharedHTTP: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public struct Response: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
    }

    /// Runs a GraphQL query and decodes its `data`. GraphQL errors end the call with their message,
    /// except rate limiting (waited out) and timeouts (`serverTimeout`).
    public func graphQL<T: Decodable & GraphQLCosted>(_ query: String, variables: [String: GraphQLValue], as type: T.Type) async throws -> T {
        let payload = try JSONEncoder().encode(GraphQLRequest(query: query, variables: variables))
        let response = try await send(method: .POST, url: endpoint.graphQLURL, body: payload, etag: nil, graphQL: true)
        let envelope: GraphQLEnvelope<T>
        do {
            envelope = try JSONDecoder().decode(GraphQLEnvelope<T>.self, from: response.body)
        } catch {
            throw failure(.failed, "GitHub's GraphQL reply has an unexpected shape: \(Self.describe(error))")
        }
        if let data = envelope.data, envelope.errors?.isEmpty ?? true {
            points += data.rateLimit?.cost ?? 0
            if let left = data.rateLimit?.remaining { remaining = left }
            return data
        }
        let message = envelope.errors?.first?.message ?? "no data"
        if message.lowercased().contains("timeout") || message.lowercased().contains("timed out") {
            throw failure(.serverTimeout, "GitHub timed out answering the query")
        }
        throw failure(.failed, "GitHub GraphQL error: \(message)")
    }

    /// A REST GET relative to the API root; with `etag`, a conditional request (a 304 costs no quota).
    public func get(_ path: String, etag: String? = nil) async throws -> Response {
        try await send(method: .GET, url: endpoint.restURL + path, body: nil, etag: etag, graphQL: false)
    }

    private func send(method: HTTPMethod, url: String, body: Data?, etag: String?, graphQL: Bool) async throws -> Response {
        var connectionFailures = 0
        var waits = 0
        while true {
            if let seconds = waitBeforeNext {
                waitBeforeNext = nil
                try await pause(seconds, "rate limit used up")
            }
            let response: Response
            do {
                response = try await withDeadline { try await self.execute(method: method, url: url, body: body, etag: etag) }
            } catch {
                connectionFailures += 1
                let reason = error is DeadlineExceeded
                    ? "no complete answer within \(Self.duration(responseDeadline))" : Self.describe(error)
                guard connectionFailures < Self.connectionAttempts else {
                    throw failure(.connection, "cannot reach \(endpoint.restURL) after \(connectionFailures) attempts: \(reason)")
                }
                let pause = pow(2, Double(connectionFailures - 1))
                notice(clean("GitHub: \(reason); retrying in \(Self.duration(pause)) (attempt \(connectionFailures + 1) of \(Self.connectionAttempts))"))
                try await sleep(pause)
                continue
            }
            if firstServerDate == nil { firstServerDate = response.headers["date"].flatMap(Self.httpDate) ?? now() }
            if let left = response.headers["x-ratelimit-remaining"].flatMap(Int.init) { remaining = left }
            let reply = RateLimitPolicy.Reply(
                status: response.status, headers: response.headers,
                graphQLErrorTypes: graphQL && response.status == 200 ? Self.errorTypes(response.body) : [],
                bodyPrefix: String(decoding: response.body.prefix(400), as: UTF8.self), now: now())
            switch RateLimitPolicy.decide(reply, attempt: waits) {
            case .proceed:
                waitBeforeNext = RateLimitPolicy.exhausted(reply)
                return response
            case .wait(let seconds, let reason):
                waits += 1
                guard waits <= Self.waitAttempts else {
                    throw failure(.failed, "GitHub kept refusing (\(reason)) after \(waits - 1) waits")
                }
                try await pause(seconds, reason)
            case .shrink:
                throw failure(.serverTimeout, "GitHub answered HTTP \(response.status) (the page was too big to serve in time)")
            case .fail(let kind, let message):
                throw failure(kind, message)
            }
        }
    }

    private func pause(_ seconds: Double, _ reason: String) async throws {
        guard seconds <= longestWait else {
            let retry = seconds < 1e9 ? "; try again after \(Self.clock(now().addingTimeInterval(seconds))) UTC" : ""
            throw failure(
                .failed, "GitHub asked to wait \(Self.duration(seconds)) (\(reason)), longer than the \(Self.duration(longestWait)) "
                    + "PRHub waits at most\(retry)")
        }
        let until = now().addingTimeInterval(seconds)
        notice(clean("GitHub: \(reason); waiting \(Self.duration(seconds)) (until \(Self.clock(until)) UTC)"))
        try await sleep(seconds)
    }

    /// The reply's arrival, or `DeadlineExceeded` once `responseDeadline` has passed (the request is cancelled).
    private func withDeadline<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let deadline = responseDeadline
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(deadline * 1e9))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw DeadlineExceeded() }
            return value
        }
    }

    struct DeadlineExceeded: Error {}

    /// An error whose message is safe to print: the token masked, the server's text made inert.
    private func failure(_ kind: GitHubError.Kind, _ message: String) -> GitHubError {
        GitHubError(kind, clean(message))
    }

    private func clean(_ text: String) -> String {
        var text = text
        if let token, token.count >= 4 { text = text.replacingOccurrences(of: token, with: "***") }
        return TerminalText.oneLine(text, limit: 400)
    }

    private func execute(method: HTTPMethod, url: String, body: Data?, etag: String?) async throws -> Response {
        requests += 1
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "User-Agent", value: "prhub")
        request.headers.add(name: "Accept", value: graphQLAccept(url) ? "application/json" : "application/vnd.github+json")
        request.headers.add(name: "X-GitHub-Api-Version", value: "2022-11-28")
        if let token, !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: .seconds(90))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Response(status: Int(response.status.code), headers: headers, body: Data(bytes.readableBytesView))
    }

    private func graphQLAccept(_ url: String) -> Bool { url == endpoint.graphQLURL }

    static func errorTypes(_ body: Data) -> [String] {
        struct Errors: Decodable {
            struct Item: Decodable { var type: String? }
            var errors: [Item]?
        }
        return ((try? JSONDecoder().decode(Errors.self, from: body))?.errors ?? []).compactMap(\.type)
    }

    static func describe(_ error: any Error) -> String {
        String(String(describing: error).split(separator: "\n").first ?? "unknown error").prefix(200).description
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "an unbounded time" }
        let total = Int(min(seconds, 1e9).rounded(.up))
        if total >= 3_600 { return "\(total / 3_600)h \(total % 3_600 / 60)m" }
        return total >= 60 ? "\(total / 60)m \(total % 60)s" : "\(total)s"
    }

    static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: date)
    }
}
