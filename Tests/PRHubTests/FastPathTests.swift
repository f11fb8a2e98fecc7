import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubServer
import PRHubStore
import PRHubTestSupport
import Testing

/// The real server (channel pipeline included): cached pages answered on the event loop, never stale,
/// never out of order.
@Suite struct FastPathTests {
    static let page = "/acme/engine/reports/2026-03-30-to-2026-04-05?lang=en"

    func withServer(_ body: @Sendable (_ port: Int, _ repo: TestRepository, _ store: Store) async throws -> Void) async throws {
        let repo = try Fixtures.riskyWeek()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-fast-\(UUID().uuidString)")
        defer { repo.remove(); try? FileManager.default.removeItem(at: folder) }
        let store = try Store.open(path: folder.appendingPathComponent("store.sqlite").path)
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let app = WebApp.buildApplication(
            library: ReportService(store: store, zone: .utc, baseURL: "https://r.example.org"),
            options: ServerOptions(port: 0, defaultLanguage: .en, accessLog: false), logger: Logger(label: "test"))
        try await app.test(.live) { client in try await body(client.port!, repo, store) }
    }

    @Test func aSecondRequestIsServedFromTheEventLoopUntilTheWeekChanges() async throws {
        try await withServer { port, repo, store in
            let first = try await HTTP1.get(port: port, Self.page)
            #expect(first.status == 200 && first.headers["x-prhub-cache"] == nil)
            let second = try await HTTP1.get(port: port, Self.page)
            #expect(second.status == 200 && second.headers["x-prhub-cache"] == "hit")
            #expect(second.body == first.body)
            #expect(second.headers["content-security-policy"]?.contains("default-src 'none'") == true)
            #expect(second.headers["date"]?.hasSuffix(" GMT") == true)
            let etag = try #require(second.headers["etag"])
            #expect(try await HTTP1.get(port: port, Self.page, headers: ["If-None-Match": etag]).status == 304)
            #expect(try await HTTP1.get(port: port, Self.page, method: "HEAD").body.isEmpty)
            // New work merged that week: the next answer is rendered again, with it.
            try repo.squashMerge(number: 57, title: "[Misc] A late addition", files: ["engine/late.py": .lines(5)], date: "2026-04-05T18:00:00Z")
            _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
            let third = try await HTTP1.get(port: port, Self.page)
            #expect(third.headers["x-prhub-cache"] == nil)
            #expect(String(decoding: third.body, as: UTF8.self).contains("A late addition"))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { port, _, _ in
            _ = try await HTTP1.get(port: port, Self.page)
            // The first goes to the router; the cached second must wait for it.
            let raw = "GET /acme/engine HTTP/1.1\r\nHost: x\r\n\r\nGET \(Self.page) HTTP/1.1\r\nHost: x\r\n\r\n"
            let reply = try await HTTP1.exchange(port: port, raw, responses: 2)
            #expect(HTTP1.complete(Data(reply.utf8), head: false) == 2)
            let archive = try #require(reply.range(of: "acme/engine · PRHub"))
            let report = try #require(reply.range(of: "Engineering weekly, 2026 week 14"))
            #expect(archive.lowerBound < report.lowerBound, "responses must come back in request order")
        }
    }
}

/// A tiny HTTP/1.1 client over a plain socket, so tests see exactly what the server sends.
enum HTTP1 {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    static func get(port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Reply {
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        let text = try await exchange(port: port, "\(method) \(target) HTTP/1.1\r\nHost: x\r\n\(extra)Connection: keep-alive\r\n\r\n", responses: 1, head: method == "HEAD")
        let data = Data(text.utf8)
        guard let split = text.range(of: "\r\n\r\n") else { throw PRHubError(.invalidArgument, "no header end") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let bodyStart = text.utf8.distance(from: text.startIndex, to: split.upperBound)
        return Reply(status: status, headers: fields, body: data.subdata(in: bodyStart..<data.count))
    }

    /// Sends `raw` on a new connection and reads until `responses` complete responses (by Content-Length) arrived.
    /// The blocking socket calls run on a Dispatch thread: on Swift's small cooperative pool they would starve
    /// the server's own tasks.
    static func exchange(port: Int, _ raw: String, responses: Int, head: Bool = false) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try blockingExchange(port: port, raw, responses: responses, head: head) })
            }
        }
    }

    static func blockingExchange(port: Int, _ raw: String, responses: Int, head: Bool) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw PRHubError(.invalidArgument, "cannot connect") }
        // Generous: other suites may keep the cooperative threads the server needs busy for a while.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = raw.withCString { send(fd, $0, strlen($0), 0) }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while complete(received, head: head) < responses {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// How many whole responses `data` holds.
    static func complete(_ data: Data, head: Bool) -> Int {
        var count = 0
        var rest = data[...]
        while let end = rest.range(of: Data("\r\n\r\n".utf8)) {
            let header = String(decoding: rest[rest.startIndex..<end.lowerBound], as: UTF8.self).lowercased()
            let length = head ? 0 : header.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
            guard rest.distance(from: end.upperBound, to: rest.endIndex) >= length else { break }
            rest = rest[rest.index(end.upperBound, offsetBy: length)...]
            count += 1
        }
        return count
    }
}
