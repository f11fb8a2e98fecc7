import Foundation
import HTTPTypes
import Hummingbird

/// A real HTTP server on 127.0.0.1 that plays the parts of GitHub PRHub uses: GraphQL search and
/// follow-up queries, the REST pull list (with ETags) and PR file lists, rate-limit headers, and
/// scripted faults. It counts every request and the GraphQL points GitHub would charge.
public enum FakeGitHub {
    public struct PR: Sendable {
        public var number: Int
        public var title: String
        public var body: String
        public var author: String
        public var authorIsBot = false
        public var mergedAt: Date
        public var updatedAt: Date
        public var mergeSHA: String
        public var labels: [String] = []
        public var files: [(path: String, additions: Int, deletions: Int)] = []
        public var reviews: [(author: String, bot: Bool, state: String, body: String)] = []
        public var threads: [(path: String, resolved: Bool, comments: [(author: String, bot: Bool, body: String)])] = []
        public var comments: [(author: String, bot: Bool, body: String)] = []
        public var closingIssues: [Int] = []
        /// Unified-diff hunks per file, served as the REST file list's `patch`.
        public var patches: [String: String] = [:]

        public init(number: Int, title: String, body: String = "", author: String, mergedAt: Date, updatedAt: Date? = nil, mergeSHA: String? = nil) {
            self.number = number
            self.title = title
            self.body = body
            self.author = author
            self.mergedAt = mergedAt
            self.updatedAt = updatedAt ?? mergedAt
            self.mergeSHA = mergeSHA ?? String(format: "%040x", number)
        }
    }

    public enum Kind: String, Sendable {
        case search, followUp, pullList, pullFiles, other
    }

    public enum Fault: Sendable {
        /// Serves the request normally (to place a fault later in the sequence).
        case pass
        /// 200 with `{"errors": [{"type": "RATE_LIMITED"}]}` and an exhausted quota resetting in N seconds.
        case rateLimitedBody(resetIn: Int)
        /// 403 secondary limit with `retry-after: N`.
        case retryAfter(seconds: Int)
        /// 502 for every request of the kind asking for more than `first` items, until one asks for fewer.
        case badGatewayAbove(first: Int)
        /// 502 for every request of the kind, always.
        case badGatewayAlways
        /// Sends half the reply, then drops the connection.
        case dropConnection
        /// Serves the reply normally but says the quota is used up until N seconds from now.
        case exhaust(resetIn: Int)
        /// Accepts the request and never answers (until the test ends).
        case neverAnswer
        /// Sends the head, then the body a byte every half second (until the test ends).
        case dribble
        /// HTTP 422 whose message carries terminal escapes, a line break forging an `error:` line, and the token.
        case hostileError
    }

    public struct Record: Sendable {
        public var kind: Kind
        public var status: Int
        public var points: Int
        public var first: Int?
        public var query: String?
        public var authorization: String?
    }

    /// The fake's state: its pull requests, scripted faults per request kind, and the request log.
    public actor State {
        public var pullRequests: [PR]
        public var faults: [Kind: [Fault]] = [:]
        public private(set) var log: [Record] = []
        let token: String

        public init(pullRequests: [PR], token: String = "test-token") {
            self.pullRequests = pullRequests
            self.token = token
        }

        public func script(_ kind: Kind, _ faults: [Fault]) { self.faults[kind, default: []] += faults }
        /// Ends every reply held back by `neverAnswer` or `dribble`, so the server can stop.
        public func release() { released = true }
        public private(set) var released = false
        public func update(_ body: @Sendable (inout [PR]) -> Void) { body(&pullRequests) }
        public func clearLog() { log = [] }
        public var requests: Int { log.count }
        public var points: Int { log.reduce(0) { $0 + $1.points } }
        public func count(_ kind: Kind) -> Int { log.filter { $0.kind == kind }.count }

        func record(_ record: Record) { log.append(record) }

        /// The fault that applies to this request, if any (consumed unless it persists).
        func fault(for kind: Kind, first: Int?) -> Fault? {
            guard let head = faults[kind]?.first else { return nil }
            switch head {
            case .badGatewayAbove(let limit):
                if let first, first > limit { return head }
                faults[kind]?.removeFirst()
                return nil
            case .badGatewayAlways:
                return head
            default:
                faults[kind]?.removeFirst()
                return head
            }
        }
    }

    public static func application(state: State, port: Int = 0) -> some ApplicationProtocol {
        let router = Router()
        router.post("/graphql") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
            let query = object["query"] as? String ?? ""
            let variables = object["variables"] as? [String: Any] ?? [:]
            let kind: Kind = query.contains("PRHubSearch") ? .search : query.contains("PRHubFollowUp") ? .followUp : .other
            let first = variables["first"] as? Int
            return await respond(state: state, request: request, kind: kind, first: first, query: query) {
                let pulls = await state.pullRequests
                let cost = GraphQLCost.points(query: query, variables: variables)
                let data: [String: Any]
                switch kind {
                case .search: data = search(pulls, query: query, variables: variables)
                case .followUp: data = followUp(pulls, query: query, variables: variables)
                default: return (400, ["message": "Unknown query"], cost)
                }
                var full = data
                full["rateLimit"] = rateLimit(cost: cost)
                return (200, ["data": full], cost)
            }
        }
        router.get("/repos/:owner/:name/pulls") { request, _ -> Response in
            await respond(state: state, request: request, kind: .pullList, first: nil, query: nil) {
                let pulls = await state.pullRequests.sorted { $0.updatedAt > $1.updatedAt }
                let items: [[String: Any]] = pulls.prefix(1).map(pullListItem)
                return (200, items, 0)
            }
        }
        router.get("/repos/:owner/:name/pulls/:number/files") { request, context -> Response in
            let number = Int(context.parameters.get("number") ?? "") ?? 0
            let page = max(1, Int(request.uri.queryParameters.get("page") ?? "1") ?? 1)
            return await respond(state: state, request: request, kind: .pullFiles, first: nil, query: nil) {
                guard let pr = await state.pullRequests.first(where: { $0.number == number }) else {
                    return (404, ["message": "Not Found", "documentation_url": "https://docs.github.com/rest"], 0)
                }
                let slice = pr.files.dropFirst((page - 1) * 100).prefix(100)
                let items: [[String: Any]] = slice.map {
                    fileItem(path: $0.path, additions: $0.additions, deletions: $0.deletions, patch: pr.patches[$0.path])
                }
                return (200, items, 0)
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    }

    /// Applies authentication, conditional requests, faults and rate-limit headers around a reply.
    static func respond(
        state: State, request: Request, kind: Kind, first: Int?, query: String?,
        reply: () async -> (status: Int, body: Any, points: Int)
    ) async -> Response {
        let authorization = request.headers[.authorization]
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        let reset = Int(Date().timeIntervalSince1970) + 3_600
        headers[HTTPField.Name("x-ratelimit-limit")!] = "5000"
        headers[HTTPField.Name("x-ratelimit-remaining")!] = "4990"
        headers[HTTPField.Name("x-ratelimit-reset")!] = "\(reset)"
        headers[HTTPField.Name("x-ratelimit-resource")!] = kind == .search || kind == .followUp ? "graphql" : "core"
        headers[.date] = httpDate(Date())
        func finish(_ status: Int, _ body: Any, points: Int = 0) async -> Response {
            await state.record(Record(kind: kind, status: status, points: points, first: first, query: query, authorization: authorization))
            let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data("{}".utf8)
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        guard authorization == "Bearer \(state.token)" else {
            return await finish(401, ["message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"])
        }
        switch await state.fault(for: kind, first: first) {
        case .rateLimitedBody(let resetIn)?:
            headers[HTTPField.Name("x-ratelimit-remaining")!] = "0"
            headers[HTTPField.Name("x-ratelimit-reset")!] = "\(Int(Date().timeIntervalSince1970) + resetIn)"
            return await finish(200, ["errors": [["type": "RATE_LIMITED", "code": "graphql_rate_limit", "message": "API rate limit already exceeded for user ID 1."]]])
        case .retryAfter(let seconds)?:
            headers[HTTPField.Name("retry-after")!] = "\(seconds)"
            return await finish(403, [
                "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            ])
        case .badGatewayAbove?, .badGatewayAlways?:
            return await finish(502, ["message": "Server Error"])
        case .dropConnection?:
            let (_, body, _) = await reply()
            let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
            await state.record(Record(kind: kind, status: 0, points: 0, first: first, query: query, authorization: authorization))
            headers[.contentLength] = "\(data.count)"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: data.prefix(data.count / 2)))
                throw CancellationError()
            })
        case .neverAnswer?:
            await state.record(Record(kind: kind, status: 0, points: 0, first: first, query: query, authorization: authorization))
            while await !state.released { try? await Task.sleep(nanoseconds: 20_000_000) }
            return Response(status: .serviceUnavailable)
        case .dribble?:
            await state.record(Record(kind: kind, status: 0, points: 0, first: first, query: query, authorization: authorization))
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                while await !state.released {
                    try await writer.write(ByteBuffer(bytes: [UInt8(ascii: " ")]))
                    try? await Task.sleep(nanoseconds: 500_000_000)
                }
                try await writer.finish(nil)
            })
        case .hostileError?:
            return await finish(422, ["message": "\u{1B}[2J\u{1B}[31mValidation Failed\r\nerror: forged line\u{1B}[0m for token \(state.token)"])
        case .pass?:
            break
        case .exhaust(let resetIn)?:
            headers[HTTPField.Name("x-ratelimit-remaining")!] = "0"
            headers[HTTPField.Name("x-ratelimit-reset")!] = "\(Int(Date().timeIntervalSince1970) + resetIn)"
        case nil:
            break
        }
        let (status, body, points) = await reply()
        if kind == .pullList, status == 200 {
            let etag = "W/\"\(stableHash(String(decoding: (try? JSONSerialization.data(withJSONObject: body, options: .sortedKeys)) ?? Data(), as: UTF8.self)))\""
            headers[.eTag] = etag
            if request.headers[.ifNoneMatch] == etag {
                await state.record(Record(kind: kind, status: 304, points: 0, first: first, query: query, authorization: authorization))
                return Response(status: .notModified, headers: headers)
            }
        }
        return await finish(status, body, points: points)
    }

    static func rateLimit(cost: Int) -> [String: Any] {
        ["cost": cost, "remaining": 4_999 - cost, "resetAt": iso(Date().addingTimeInterval(3_600))]
    }

    /// An item of `GET /repos/{owner}/{repo}/pulls`, with the fields GitHub documents that PRHub could read.
    static func pullListItem(_ pr: PR) -> [String: Any] {
        [
            "url": "https://api.github.com/repos/o/r/pulls/\(pr.number)", "id": pr.number, "number": pr.number, "state": "closed",
            "title": pr.title, "user": ["login": pr.author, "id": 1, "type": pr.authorIsBot ? "Bot" : "User"],
            "created_at": iso(pr.mergedAt.addingTimeInterval(-86_400)), "updated_at": iso(pr.updatedAt),
            "closed_at": iso(pr.mergedAt), "merged_at": iso(pr.mergedAt), "merge_commit_sha": pr.mergeSHA,
        ]
    }

    /// An item of `GET /repos/{owner}/{repo}/pulls/{n}/files`.
    static func fileItem(path: String, additions: Int, deletions: Int, patch: String? = nil) -> [String: Any] {
        [
            "sha": stableHash(path).padding(toLength: 40, withPad: "0", startingAt: 0), "filename": path, "status": "modified",
            "additions": additions, "deletions": deletions, "changes": additions + deletions,
            "blob_url": "https://github.com/o/r/blob/x/\(path)", "raw_url": "https://github.com/o/r/raw/x/\(path)",
            "contents_url": "https://api.github.com/repos/o/r/contents/\(path)", "patch": patch ?? "@@ -1 +1 @@",
        ]
    }

    /// The fake's replies as JSON, for comparing their shape with the recorded fixtures.
    public static func sampleReplies(_ pr: PR) -> (search: Data, pullList: Data, files: Data, rateLimited: Data) {
        func json(_ value: Any) -> Data { (try? JSONSerialization.data(withJSONObject: value)) ?? Data() }
        let query = "files(first: 100) reviewThreads(first: 40) isResolved comments(first: 3)"
        return (
            json(["data": search([pr], query: query, variables: ["q": "repo:o/r is:pr is:merged", "first": 25])
                .merging(["rateLimit": rateLimit(cost: 1)]) { a, _ in a }]),
            json([pullListItem(pr)]), json([fileItem(path: "a.py", additions: 1, deletions: 2)]),
            json(["errors": [["type": "RATE_LIMITED", "code": "graphql_rate_limit", "message": "API rate limit already exceeded for user ID 1."]]])
        )
    }

    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
