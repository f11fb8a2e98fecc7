import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// The two engines side by side: the same calls give the same answers, and the same week the same digest
/// byte for byte, on SQLite and on a real PostgreSQL server.
@Suite struct StoreEngineTests {
    static let postgres = Testing.Comment(rawValue: TestPostgres.skipReason)

    /// Ingests a repository into a store and returns the week's digest (JSON) and Markdown report.
    func report(_ store: Store, _ repo: TestRepository, _ week: String) throws -> (json: String, markdown: String) {
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
        let generator = ReportGenerator(store: store, repository: git, profile: profile)
        let period = Period(week: try ISOWeek(week), zone: .utc)
        let json = try JSONRenderer.render(generator.digest(
            ReportRequest(repository: Fixtures.name, period: period, language: .en, format: .json, baseURL: "https://r.example")))
        let markdown = try generator.render(
            ReportRequest(repository: Fixtures.name, period: period, language: .zh, format: .md, baseURL: "https://r.example"))
        return (json, markdown)
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func aWeekGivesTheSameBytesOnBothEnginesAndASecondIngestAddsNothing() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let sqlite = try report(Store.inMemory(), repo, "2026-W14")
        let store = try Store.open(TestPostgres.freshStoreURL("week"))
        let postgres = try report(store, repo, "2026-W14")
        #expect(postgres.json == sqlite.json)
        #expect(postgres.markdown == sqlite.markdown)
        #expect(sqlite.json.contains("\"prCount\" : 7"))
        // Idempotent: the same clone read again adds nothing, and the report is unchanged.
        let again = try Ingestion(store: store, repository: GitRepository(path: repo.path), name: Fixtures.name).run()
        #expect(again.added == IngestCount())
        #expect(try report(store, repo, "2026-W14").json == sqlite.json)
    }

    @Test(
        .enabled(if: TestPostgres.isReachable, postgres),
        .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
    func realWeeksGiveTheSameDigestOnBothEngines() throws {
        guard let path = try SharedData.replayedRepository("vllm-ascend") else {
            try #require(Bool(false), "../shared/data is absent: the real history cannot be replayed")
            return
        }
        let name = try RepositoryName("vllm-project/vllm-ascend")
        let git = try GitRepository(path: path)
        let stores = [try Store.inMemory(), try Store.open(TestPostgres.freshStoreURL("real"))]
        for store in stores { _ = try Ingestion(store: store, repository: git, name: name).run() }
        #expect(try stores[1].changeCount(name) == stores[0].changeCount(name))
        for week in ["2026-W14", "2025-W40", "2025-W10"] {
            let digests = try stores.map { store in
                let profile = try ProfileResolver.resolve(file: nil, repository: git, name: name, store: store)
                return try JSONRenderer.render(ReportGenerator(store: store, repository: git, profile: profile).digest(
                    ReportRequest(repository: name, period: Period(week: try ISOWeek(week), zone: RealWeeks.zone), language: .zh,
                        format: .json, baseURL: "http://x")))
            }
            #expect(digests[0] == digests[1], "digest of \(week) differs between SQLite and PostgreSQL")
            #expect(digests[0].count > 10_000)
        }
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func theLedgerAndSyncStateReadBackTheSameOnBothEngines() throws {
        let key = Store.DeliveryKey(repository: "acme/engine", week: "2026-W14", language: "zh", target: "team")
        let when = Date(timeIntervalSince1970: 1_775_000_000.25)
        func play(_ store: Store) throws -> String {
            var seen: [String] = []
            try store.recordReport(repository: "acme/engine", week: "2026-W14", language: "zh", inputHash: "h1", at: when)
            try store.recordReport(repository: "acme/engine", week: "2026-W14", language: "zh", inputHash: "h2", at: when)
            seen.append(try store.writtenReportHash(repository: "acme/engine", week: "2026-W14", language: "zh") ?? "-")
            try store.recordAttempt(key, inputHash: "h2", at: when)
            try store.recordFailure(key, error: "HTTP 500 'quoted' \u{1B}[31m", at: when)
            try store.recordAttempt(key, inputHash: "h2", at: when)
            try store.recordSent(key, inputHash: "h2", at: when)
            seen.append("\(try store.delivery(key).map { "\($0)" } ?? "-")")
            seen.append("\(try store.deliveryCounts())")
            let pass = try store.startPass(at: when)
            try store.endPass(pass, failures: 1, at: when)
            seen.append("\(try store.lastCompletedPass()?.timeIntervalSince1970 ?? -1)")
            let id = try store.repositoryID(Fixtures.name)
            #expect(try store.repositoryID(Fixtures.name) == id)
            try store.setGitHubProbe(repositoryID: id, .init(etag: "W/\"abc\"", newestUpdate: when))
            seen.append("\(try store.gitHubProbe(repositoryID: id).map { "\($0)" } ?? "-")")
            try store.finishGitHubWindow(repositoryID: id, since: when, until: when + 86_400, watermark: when + 90_000, queries: ["q"])
            seen.append("\(try store.gitHubWatermark(repositoryID: id, since: when, until: when + 3_600)?.timeIntervalSince1970 ?? -1)")
            try store.storeLLMReply("réponse 回答 ' \" ?", for: "k?1")
            try store.storeLLMReply("second", for: "k?1")
            seen.append(try store.llmReply(for: "k?1") ?? "-")
            try store.storeCommitLines(repositoryID: id, [.init(sha: "abc", path: "a?b", changes: LineChanges(added: ["x = '?'"], removed: []))])
            seen.append("\(try store.commitLines(Fixtures.name, shas: ["abc", "def"]))")
            return seen.joined(separator: "\n")
        }
        let sqlite = try play(Store.inMemory())
        let postgres = try play(Store.open(TestPostgres.freshStoreURL("ledger")))
        #expect(postgres == sqlite)
        #expect(sqlite.contains("second"))
        #expect(sqlite.contains("attempts: 2"))
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func aServerLearnsOfAnotherProcessesCommitWithinASecond() throws {
        let url = TestPostgres.freshStoreURL("notify")
        let reader = try Store.open(url)
        let writer = try Store.open(url)
        // The listener connects on the first question; wait until it answers.
        var token = reader.changeToken()
        let deadline = Date() + 10
        while token == nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            token = reader.changeToken()
        }
        let before = try #require(token, "the change listener never connected")
        let written = Date()
        _ = try writer.repositoryID(Fixtures.name)
        var after = reader.changeToken()
        while after == before, Date() < written + 5 {
            Thread.sleep(forTimeInterval: 0.005)
            after = reader.changeToken()
        }
        let latency = Date().timeIntervalSince(written)
        print("change notification reached the other store after \(Int(latency * 1000)) ms")
        #expect(after != before)
        #expect(latency < 1)
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func aSchemaHoldingSomeoneElsesTablesIsRefusedUntouched() throws {
        let schema = "prhub_test_foreign_\(UUID().uuidString.prefix(8).lowercased())"
        try TestPostgres.psql("CREATE SCHEMA \(schema); CREATE TABLE \(schema).orders (id int); INSERT INTO \(schema).orders VALUES (7)")
        let error = #expect(throws: PRHubError.self) { try Store.open(TestPostgres.url + "?schema=\(schema)") }
        #expect(error?.message.contains("not a PRHub store (orders)") == true)
        // Untouched: still one table, with its row, and no store tables beside it.
        #expect(try TestPostgres.psql("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = '\(schema)'") == "orders")
        #expect(try TestPostgres.psql("SELECT id FROM \(schema).orders") == "7")
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func theCommandLineNeverPrintsThePassword() throws {
        // The test server trusts local connections, so the password is accepted and ignored.
        let url = TestPostgres.freshStoreURL("cli").replacingOccurrences(of: "://prhub@", with: "://prhub:hunter2@")
        let run = try IngestFaultTests.run(["report", "acme/engine", "--week", "2026-W14", "--db", url])
        #expect(run.status != 0 && run.errorLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("holds nothing") && run.stderr.contains("prhub:***@"), "\(run.stderr)")
        #expect(!run.stderr.contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
    }

    @Test(.enabled(if: TestPostgres.isReachable, postgres))
    func sslModeIsHonoured() throws {
        // The test server speaks no TLS: `disable` and `prefer` connect, `require` is refused with a reason.
        _ = try Store.open(TestPostgres.freshStoreURL("tls") + "&sslmode=disable").repositories()
        _ = try Store.open(TestPostgres.freshStoreURL("tls") + "&sslmode=prefer").repositories()
        let error = #expect(throws: PRHubError.self) { try Store.open(TestPostgres.freshStoreURL("tls") + "&sslmode=require") }
        print("sslmode=require against a server without TLS: \(error?.message ?? "")")
        #expect(error?.message.contains("sslmode=require") == true)
    }

    @Test func aBadPostgresURLIsOneClearErrorWithThePasswordMasked() throws {
        for (url, expected) in [
            ("postgres://127.0.0.1/db", "names no user"),
            ("postgres://me@127.0.0.1", "names no database"),
            ("postgres://me:s3cret@127.0.0.1/db?application_name=x", "unknown option"),
            ("postgres://me:s3cret@127.0.0.1/db?sslmode=allow", "sslmode must be"),
            ("postgres://me:s3cret@127.0.0.1/db?schema=x;drop", "schema must be"),
        ] {
            let error = #expect(throws: PRHubError.self) { try Store.open(url) }
            #expect(error?.message.contains(expected) == true, "\(url): \(error?.message ?? "")")
            #expect(error?.message.contains("s3cret") == false)
        }
        // Nothing listens on port 1: refused at once, with the URL but not the password.
        let error = #expect(throws: PRHubError.self) { try Store.open("postgres://me:s3cret@127.0.0.1:1/db") }
        #expect(error?.message.contains("postgres://me@127.0.0.1:1/db") == true)
        #expect(error?.message.contains("s3cret") == false)
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
    }
}
