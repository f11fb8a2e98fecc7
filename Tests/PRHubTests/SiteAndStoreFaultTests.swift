import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubServer
import PRHubStore
import PRHubTestSupport
import Testing

/// The smaller faults: a static site whose links lead nowhere, a health probe that lies about a damaged
/// store, a foreign database changed before it is refused.
@Suite struct SiteAndStoreFaultTests {
    @Test func everyLinkOfTheStaticSiteLeadsToAFileAndEveryLanguageIsWritten() throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try CLITests().temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/s.sqlite"
        #expect(try CLITests.run(["ingest", "--git", repo.path, "--repo", "acme/engine", "--db", db]).status == 0)
        let site = folder + "/site"
        let run = try CLITests.run(["site", "--out", site, "--db", db, "--lang", "zh"])
        #expect(run.status == 0, "\(run.stderr)")
        for page in ["index.en.html", "index.zh.html", "acme/engine/index.en.html", "acme/engine/index.zh.html",
                     "acme/engine/reports/2026-03-30-to-2026-04-05.en.html", "acme/engine/reports/2026-03-30-to-2026-04-05.zh.md"] {
            #expect(FileManager.default.fileExists(atPath: site + "/" + page), "\(page) is missing")
        }
        var checked = 0
        var broken: [String] = []
        let files = FileManager.default.enumerator(atPath: site)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
        for file in files {
            let html = try String(contentsOfFile: site + "/" + file, encoding: .utf8)
            for match in html.matches(of: /href="(\/[^"\/][^"]*)"/) {
                // What a static web server does: the query is ignored, a folder answers with its index.html.
                let path = String(match.1).split(separator: "?").first.map(String.init) ?? ""
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: site + path, isDirectory: &isFolder)
                let served = exists && (!isFolder.boolValue || FileManager.default.fileExists(atPath: site + path + "/index.html"))
                checked += 1
                if !served { broken.append("\(file) → \(match.1)") }
            }
        }
        #expect(checked > 20)
        #expect(broken.isEmpty, "\(broken.prefix(5))")
    }

    @Test func theServerAnswersTheLanguageNamedInTheAddress() async throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let store = try Store.inMemory()
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let library = ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org")
        let app = Application(router: WebApp.buildRouter(library: library, options: ServerOptions(defaultLanguage: .en)))
        try await app.test(.router) { client in
            try await client.execute(uri: WebTests.week + ".zh.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<html lang=\"zh-CN\">"))
            }
            try await client.execute(uri: WebTests.week + ".zh.md", method: .get) { response in
                #expect(String(buffer: response.body).hasPrefix("# 2026 第 14 周技术周报"))
            }
        }
    }

    @Test func healthSaysUnhealthyWhenTheStoreIsDamaged() async throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try CLITests().temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/s.sqlite"
        let store = try Store.open(path: path)
        _ = try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: Fixtures.name).run()
        let library = ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org")
        let app = Application(router: WebApp.buildRouter(library: library, options: ServerOptions(defaultLanguage: .en)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            // Another program overwrites the file's pages with garbage.
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(repeating: 0x5A, count: 8192))
            try handle.close()
            try? FileManager.default.removeItem(atPath: path + "-wal")
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).hasPrefix("store unreadable"))
            }
        }
    }

    @Test(arguments: ["sqlite", "text"])
    func aForeignFileIsRefusedUntouched(kind: String) throws {
        let folder = try CLITests().temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/customers.db"
        if kind == "sqlite" {
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada')")
            }
        } else {
            try Data("name,balance\nAda,10\n".utf8).write(to: URL(fileURLWithPath: path))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try CLITests.run(["report", "--repo", "acme/engine", "--week", "2026-W14", "--db", path])
        #expect(run.status != 0)
        #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("not a PRHub store"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file was changed")
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
