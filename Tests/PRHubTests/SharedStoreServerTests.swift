import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// A website over a PostgreSQL store that another machine writes to: the server learns of the new data
/// through LISTEN/NOTIFY and drops its cached pages, so no reader sees a stale page for a second.
@Suite struct SharedStoreServerTests {
    @Test(.enabled(if: TestPostgres.isReachable, Comment(rawValue: TestPostgres.skipReason)))
    func aCachedReportShowsAnotherProcesssIngestWithinASecond() async throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let db = TestPostgres.freshStoreURL("serve")
        let ingest = ["ingest", "--git", repo.path, "--repo", Fixtures.name.description, "--db", db]
        let first = try IngestFaultTests.run(ingest)
        #expect(first.status == 0, "\(first.stderr)")

        let port = LoopbackListener.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CLITests.binary)
        server.arguments = ["serve", "--db", db, "--port", "\(port)", "--tz", "UTC", "--no-access-log"]
        server.standardError = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let page = "/acme/engine/reports/2026-03-30-to-2026-04-05.en.html"
        var ready = false
        for _ in 0..<600 where !ready {
            ready = (try? await HTTP1.get(port: port, page))?.status == 200
            if !ready { try await Task.sleep(nanoseconds: 50_000_000) }
        }
        try #require(ready, "the server never answered")
        // Served again and again from the cache (the change listener is connected by now).
        for _ in 0..<20 { _ = try await HTTP1.get(port: port, page) }
        let hitsBefore = try await Self.cacheHits(port)
        #expect(hitsBefore > 0)
        #expect(!String(decoding: try await HTTP1.get(port: port, page).body, as: UTF8.self).contains("Marker change"))

        // Another process (another machine, as far as the server can tell) adds a PR to the week.
        _ = try repo.squashMerge(
            number: 99, title: "[Feature] Marker change", files: ["engine/marker.py": .lines(10)], date: "2026-04-03T10:00:00Z")
        let second = try IngestFaultTests.run(ingest)
        #expect(second.status == 0, "\(second.stderr)")
        let committed = Date()
        var fresh = false
        while !fresh, Date() < committed + 10 {
            fresh = String(decoding: try await HTTP1.get(port: port, page).body, as: UTF8.self).contains("Marker change")
            if !fresh { try await Task.sleep(nanoseconds: 5_000_000) }
        }
        let stale = Date().timeIntervalSince(committed)
        print("shared store: a cached page showed another process's ingest \(Int(stale * 1000)) ms after it committed")
        #expect(fresh)
        #expect(stale < 1)
        // And it is cached again afterwards.
        for _ in 0..<5 { _ = try await HTTP1.get(port: port, page) }
        #expect(try await Self.cacheHits(port) > hitsBefore)

        // The health probe opens a connection of its own each time, and closes it.
        let connections = { Int(try TestPostgres.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'prhub'")) ?? 0 }
        let before = try connections()
        for _ in 0..<20 { #expect(try await HTTP1.get(port: port, "/healthz").status == 200) }
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(try connections() <= before + 2, "health probes left connections open")
    }

    static func cacheHits(_ port: Int) async throws -> Int {
        let metrics = String(decoding: try await HTTP1.get(port: port, "/metrics").body, as: UTF8.self)
        return metrics.split(separator: "\n").first { $0.hasPrefix("prhub_cache_hits ") }
            .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }
}
