import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubServer
import PRHubStore
import PRHubTestSupport
import Testing

@Suite struct WebTests {
    static let week = "/acme/engine/reports/2026-03-30-to-2026-04-05"

    /// A store holding the fixture repository, and the application over it.
    func withApp(token: String? = nil, _ body: @escaping @Sendable (any TestClientProtocol, TestRepository, Store) async throws -> Void) async throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let library = ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org")
        let router = WebApp.buildRouter(library: library, options: ServerOptions(defaultLanguage: .en, adminToken: token))
        let app = Application(router: router)
        try await app.test(.router) { client in try await body(client, repo, store) }
    }

    func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func theReportIsServedAsHTMLMarkdownAndJSON() async throws {
        try await withApp { client, _, _ in
            try await client.execute(uri: Self.week, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                let html = self.text(response)
                #expect(html.contains("<h1>Engineering weekly, 2026 week 14 (Mar 30 – Apr 5)</h1>"))
                #expect(html.contains("<a href=\"https://github.com/acme/engine/pull/50\">#50</a>"))
                #expect(html.contains("<svg role=\"img\""))
                #expect(!html.contains("<script"))
            }
            try await client.execute(uri: Self.week + ".md?lang=zh", method: .get) { response in
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(self.text(response).hasPrefix("# 2026 第 14 周技术周报"))
            }
            try await client.execute(uri: Self.week + ".json", method: .get) { response in
                let digest = try JSONDecoder().decode(Digest.self, from: Data(self.text(response).utf8))
                #expect(digest.prCount == 7)
            }
        }
    }

    @Test func conditionalGetAndHeadWork() async throws {
        try await withApp { client, _, _ in
            let etag = try await client.execute(uri: Self.week, method: .get) { $0.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: Self.week, method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: Self.week, method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == tag)
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test func newDataForTheWeekReplacesTheCachedReport() async throws {
        try await withApp { client, repo, store in
            let before = try await client.execute(uri: Self.week + ".json", method: .get) { self.text($0) }
            try repo.squashMerge(number: 70, title: "[Feature] Late addition", files: ["engine/late.py": .lines(40)], date: "2026-04-05T20:00:00Z")
            _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
            let after = try await client.execute(uri: Self.week + ".json", method: .get) { self.text($0) }
            #expect(before.contains("\"prCount\" : 7"))
            #expect(after.contains("\"prCount\" : 8"))
        }
    }

    @Test(arguments: [
        ("/acme/engine/reports/2030-01-07-to-2030-01-13", HTTPResponse.Status.notFound),
        ("/acme/engine/reports/2026-03-31-to-2026-04-05", .badRequest),
        ("/acme/engine/reports/2026-13-01-to-2026-13-07", .badRequest),
        ("/acme/engine/reports/" + String(repeating: "9", count: 500), .badRequest),
        ("/acme/%2e%2e/reports/2026-03-30-to-2026-04-05", .badRequest),
        ("/acme/engine/reports/..%2f..%2fetc%2fpasswd", .badRequest),
        ("/acme/..", .notFound),
        ("/nobody/nothing", .notFound),
        ("/nobody/nothing/feed.xml", .notFound),
    ])
    func badAddressesNeverReachTheStoreOrDisk(uri: String, status: HTTPResponse.Status) async throws {
        try await withApp { client, _, _ in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == status, "\(uri)")
            }
        }
    }

    @Test func aMissingWeekIsAFriendly404NamingTheWeeksThatExist() async throws {
        try await withApp { client, _, _ in
            try await client.execute(uri: "/acme/engine/reports/2030-01-07-to-2030-01-13", method: .get) { response in
                let html = self.text(response)
                #expect(html.contains("2026-W14"))
                #expect(html.contains("/acme/engine/reports/2026-03-30-to-2026-04-05"))
            }
        }
    }

    @Test func archiveIndexFeedHealthAndMetrics() async throws {
        try await withApp { client, _, _ in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(self.text(response).contains("<a href=\"/acme/engine\">acme/engine</a>"))
            }
            try await client.execute(uri: "/acme/engine", method: .get) { response in
                let html = self.text(response)
                #expect(html.contains("2026-W14"))
                #expect(html.contains("2026-W12"))
                #expect(html.contains("<svg"))
            }
            try await client.execute(uri: "/acme/engine/feed.xml", method: .get) { response in
                #expect(response.headers[.contentType] == "application/atom+xml; charset=utf-8")
                let xml = self.text(response)
                #expect(xml.contains("<id>https://reports.example.org/acme/engine/reports/2026-03-30-to-2026-04-05</id>"))
                // Each entry carries its report's executive summary, written from the same document as the page.
                #expect(xml.contains("acme/engine merged 7 pull requests (plus 1 direct commit)"), "\(xml)")
                #expect(XMLWellFormed.check(xml))
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(self.text(response).contains("prhub_cache_misses"))
            }
        }
    }

    @Test func repositoryManagementNeedsATokenToExist() async throws {
        try await withApp { client, _, _ in
            try await client.execute(uri: "/api/repositories/acme/engine/ingest", method: .post) { #expect($0.status == .notFound) }
        }
        try await withApp(token: "s3cret") { client, _, _ in
            try await client.execute(uri: "/api/repositories/acme/engine/ingest", method: .post) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/repositories/acme/engine/ingest", method: .post,
                headers: [.authorization: "Bearer wrong"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/repositories/acme/engine/ingest", method: .post,
                headers: [.authorization: "Bearer s3cret"]) { response in
                #expect(response.status == .ok)
                #expect(self.text(response).contains("\"pullRequests\":0"))
            }
        }
    }
}
