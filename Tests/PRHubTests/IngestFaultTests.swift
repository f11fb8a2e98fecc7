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

/// Faults of ingest, each played for real: a store that fails mid-ingest, shallow and partial clones, a
/// force-push, a report for a period the store never read. None may hang, crash or lose a commit.
@Suite struct IngestFaultTests {
    /// A run of the binary that is killed if it has not ended within `seconds`: a hang fails the test
    /// instead of stalling the suite.
    struct BoundedRun {
        var status: Int32
        var stderr: String
        var hung: Bool
        var errorLines: [Substring] { stderr.split(separator: "\n").filter { $0.hasPrefix("error:") } }
    }

    static func run(_ arguments: [String], seconds: Double = 90, environment: [String: String]? = nil) throws -> BoundedRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-fault-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return BoundedRun(status: process.terminationStatus, stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", hung: hung)
    }

    /// `count` squash merges made at once with `git fast-import`, one a day from 2026-01-01, each adding
    /// a line to one of twenty files.
    static func longHistory(_ count: Int) throws -> TestRepository {
        let repo = try TestRepository()
        var stream = ""
        let start = 1_767_225_600  // 2026-01-01T00:00:00Z
        for index in 1...count {
            let message = "Change number \(index) (#\(index))\n"
            let content = "line \(index)\n"
            stream += "commit refs/heads/main\nmark :\(index)\n"
            stream += "author Alice <alice@example.com> \(start + index * 3600) +0000\n"
            stream += "committer Maintainer <m@example.com> \(start + index * 3600) +0000\n"
            stream += "data \(message.utf8.count)\n\(message)"
            if index > 1 { stream += "from :\(index - 1)\n" }
            stream += "M 100644 inline src/file\(index % 20).txt\ndata \(content.utf8.count)\n\(content)\n"
        }
        try repo.git(["fast-import", "--quiet"], input: stream)
        return repo
    }

    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func changeCount(_ db: String, _ name: String) throws -> Int {
        try DatabaseQueue(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId WHERE r.name = ?", arguments: [name]) ?? 0
        }
    }

    /// Git processes still running on `path` (a process that outlived the ingest that started it).
    static func gitProcesses(on path: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil, let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            // `git -C PATH …` (or `env git -C PATH …` before the exec); not prhub's own `--git PATH`.
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent }
            return (program == "git" || (program == "env" && arguments.dropFirst().first == "git"))
                && zip(arguments, arguments.dropFirst()).contains { $0 == "-C" && $1 == path }
        }.count
    }

    @Test func aBatchWriteThatFailsEndsTheIngestWithOneErrorAndLosesNothing() throws {
        let repo = try Self.longHistory(3000)
        defer { repo.remove() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/store.sqlite"
        // The schema exists once any repository was ingested; then the store refuses the second batch, as a
        // full disk or a corrupted page would, while git still has most of the history to write.
        let other = try Fixtures.riskyWeek()
        defer { other.remove() }
        #expect(try Self.run(["ingest", "--git", other.path, "--repo", "acme/other", "--db", db]).status == 0)
        try DatabaseQueue(path: db).write { db in
            try db.execute(sql: """
                CREATE TRIGGER injected_failure BEFORE INSERT ON change
                WHEN (SELECT COUNT(*) FROM change c JOIN repository r ON r.id = c.repositoryId WHERE r.name = 'acme/long') >= 2000
                BEGIN SELECT RAISE(ABORT, 'injected write failure'); END
                """)
        }
        let failed = try Self.run(["ingest", "--git", repo.path, "--repo", "acme/long", "--db", db], seconds: 60)
        #expect(!failed.hung, "ingest hung after a failed batch write")
        #expect(failed.status != 0)
        #expect(failed.errorLines.count == 1 && failed.errorLines.first?.contains("injected write failure") == true, "\(failed.stderr)")
        #expect(Self.gitProcesses(on: repo.path) == 0, "git outlived the ingest")
        // The store is as it was after the last good batch: whole batches, each commit with its file.
        let kept = try Self.changeCount(db, "acme/long")
        #expect(kept > 0 && kept < 2000, "\(kept) commits stored; \(failed.stderr)")
        let files = try DatabaseQueue(path: db).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file f JOIN change c ON c.id = f.changeId JOIN repository r ON r.id = c.repositoryId WHERE r.name = 'acme/long'")
        }
        #expect(files == kept)
        try DatabaseQueue(path: db).write { try $0.execute(sql: "DROP TRIGGER injected_failure") }
        let again = try Self.run(["ingest", "--git", repo.path, "--repo", "acme/long", "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.changeCount(db, "acme/long") == 3000)
    }

    /// A source repository of eight squash merges, each a week apart (2026-W02 to W09), for shallow clones.
    static func weeklyHistory() throws -> TestRepository {
        let repo = try TestRepository()
        for index in 1...8 {
            var files: [String: TestRepository.Content] = ["engine/part\(index).py": .lines(100 + index)]
            if index == 1 { files["engine/base.py"] = .lines(5000) }
            // Mondays from 2026-01-05 (2026-W02).
            let day = Date(timeIntervalSince1970: 1_767_607_200 + Double(7 * 86_400 * (index - 1)))  // 2026-01-05T10:00:00Z
            try repo.squashMerge(number: index, title: "Week \(index) change", files: files, date: ISO8601DateFormatter().string(from: day))
        }
        try repo.git(["config", "uploadpack.allowFilter", "true"])
        return repo
    }

    @Test func aShallowBoundaryIsUnknownNotInventedAndUnshallowingReadsTheRest() throws {
        let source = try Self.weeklyHistory()
        defer { source.remove() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clone = folder + "/clone"
        try TestRepository.run(["git", "clone", "-q", "--depth", "3", "file://" + source.path, clone])
        let db = folder + "/store.sqlite"
        let first = try Self.run(["ingest", "--git", clone, "--repo", "acme/engine", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("warning: shallow clone"), "\(first.stderr)")
        #expect(try Self.changeCount(db, "acme/engine") == 3)
        // The boundary (PR #6, 2026-W07) is stored without inventing its tree as added.
        let boundaryWeek = try CLITests.run(["report", "--repo", "acme/engine", "--db", db, "--week", "2026-W07", "--tz", "UTC", "--format", "json"])
        let digest = try JSONSerialization.jsonObject(with: Data(boundaryWeek.stdout.utf8)) as? [String: Any]
        let pr = (digest?["prs"] as? [[String: Any]])?.first
        #expect(pr?["number"] as? Int == 6)
        #expect(pr?["sizeKnown"] as? Bool == false)
        #expect(pr?["additions"] as? Int == 0)
        #expect((pr?["risks"] as? [Any])?.isEmpty == true)
        // A week before the boundary was never read: an error, not "no PRs merged".
        let unread = try Self.run(["report", "--repo", "acme/engine", "--db", db, "--week", "2026-W03", "--tz", "UTC"])
        #expect(unread.status != 0 && unread.errorLines.count == 1 && unread.stderr.contains("has not read"), "\(unread.stderr)")

        try TestRepository.run(["git", "-C", clone, "fetch", "-q", "--unshallow"])
        let second = try Self.run(["ingest", "--git", clone, "--repo", "acme/engine", "--db", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("reaches further back"), "\(second.stderr)")
        #expect(!second.stderr.contains("warning: shallow clone"))
        #expect(try Self.changeCount(db, "acme/engine") == 8)
        let known = try CLITests.run(["report", "--repo", "acme/engine", "--db", db, "--week", "2026-W07", "--tz", "UTC", "--format", "json"])
        let knownPR = ((try JSONSerialization.jsonObject(with: Data(known.stdout.utf8)) as? [String: Any])?["prs"] as? [[String: Any]])?.first
        #expect(knownPR?["sizeKnown"] as? Bool == true)
        #expect(knownPR?["additions"] as? Int == 106)
        let early = try Self.run(["report", "--repo", "acme/engine", "--db", db, "--week", "2026-W03", "--tz", "UTC"])
        #expect(early.status == 0, "\(early.stderr)")
    }

    @Test func aPartialCloneIsReadWithUnknownLineCountsAndNothingFetched() throws {
        let source = try TestRepository()
        defer { source.remove() }
        for index in 1...6 {
            // Big files change in odd PRs; the clone below lacks their contents.
            let files: [String: TestRepository.Content] = index % 2 == 1
                ? ["data/big\(index).txt": .lines(2000), "src/small\(index).py": .lines(3)] : ["src/small\(index).py": .lines(4)]
            try source.squashMerge(number: index, title: "Change \(index)", files: files, date: "2026-03-0\(index)T10:00:00Z")
        }
        try source.git(["config", "uploadpack.allowFilter", "true"])
        try source.git(["config", "uploadpack.allowAnySHA1InWant", "true"])
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clone = folder + "/clone"
        try TestRepository.run(["git", "clone", "-q", "--no-checkout", "--filter=blob:limit=2k", "file://" + source.path, clone])
        func missing() throws -> Int {
            try TestRepository.run(["git", "-C", clone, "rev-list", "--objects", "--missing=print", "HEAD"])
                .split(separator: "\n").filter { $0.hasPrefix("?") }.count
        }
        let before = try missing()
        #expect(before > 0)
        let db = folder + "/store.sqlite"
        let ingest = try Self.run(["ingest", "--git", clone, "--repo", "acme/engine", "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("lacks the contents") && ingest.stderr.contains("3 commits"), "\(ingest.stderr)")
        #expect(try Self.changeCount(db, "acme/engine") == 6)
        #expect(try missing() == before, "ingest fetched missing objects")
        let report = try CLITests.run(["report", "--repo", "acme/engine", "--db", db, "--since", "2026-03-01", "--until", "2026-03-07", "--tz", "UTC", "--format", "json"])
        let prs = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["prs"] as? [[String: Any]] ?? []
        #expect(prs.count == 6)
        for pr in prs {
            let number = pr["number"] as? Int ?? 0
            #expect(pr["sizeKnown"] as? Bool == (number % 2 == 0), "#\(number)")
            #expect((pr["files"] as? [Any])?.count == (number % 2 == 1 ? 2 : 1), "#\(number) keeps its file list")
        }
    }

    @Test func commitsForcePushedAwayLeaveTheStoreWithANotice() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        for index in 1...5 {
            try repo.squashMerge(number: index, title: "Change \(index)", files: ["src/f\(index).py": .lines(10)], date: "2026-03-0\(index + 1)T10:00:00Z")
        }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/store.sqlite"
        #expect(try Self.run(["ingest", "--git", repo.path, "--repo", "acme/engine", "--db", db]).status == 0)
        try repo.git(["reset", "-q", "--hard", "HEAD~2"])
        try repo.squashMerge(number: 7, title: "Change 7", files: ["src/f7.py": .lines(10)], date: "2026-03-06T11:00:00Z")
        let again = try Self.run(["ingest", "--git", repo.path, "--repo", "acme/engine", "--db", db])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("2 commits are no longer on the branch") && again.stderr.contains("#5 Change 5"), "\(again.stderr)")
        let onBranch = Int(try repo.git(["rev-list", "--count", "--first-parent", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(try Self.changeCount(db, "acme/engine") == onBranch)
    }

    @Test func gitsErrorFileNeverOutlivesTheRun() throws {
        let repo = try Self.longHistory(3000)
        defer { repo.remove() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tmp = folder + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        // An ingest (some of its git runs fail by design: no `.prhub.yml` at HEAD) and one killed mid-way:
        // neither leaves a file.
        _ = try Self.run(["ingest", "--git", repo.path, "--repo", "acme/long", "--db", folder + "/a.sqlite"], environment: ["TMPDIR": tmp])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["ingest", "--git", repo.path, "--repo", "acme/long", "--db", folder + "/b.sqlite"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": tmp]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed while one of its git processes runs.
        let deadline = Date().addingTimeInterval(10)
        while Self.gitProcesses(on: repo.path) == 0 && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("prhub-git-") }.isEmpty)
    }
}

/// The server's admin ingest route over a store that fails mid-ingest: it answers 5xx within the deadline
/// of a test, git is gone, and the server still stops when asked.
@Suite struct ServerIngestFaultTests {
    @Test func theIngestRouteAnswersAnErrorWhenTheStoreFails() async throws {
        let repo = try IngestFaultTests.longHistory(3000)
        let folder = try IngestFaultTests.folder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/store.sqlite"
        let store = try Store.open(path: path)
        // The first ingest records the clone; the trigger then refuses the re-read after a force-push.
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: try RepositoryName("acme/long")).run()
        try repo.git(["reset", "-q", "--hard", "HEAD~1"])
        try repo.git(["commit", "-q", "--allow-empty", "-m", "Rewritten (#9999)"])
        try await DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TRIGGER injected_failure BEFORE INSERT ON change BEGIN SELECT RAISE(ABORT, 'injected write failure'); END")
        }
        let library = ReportService(store: store, zone: .utc, baseURL: "https://reports.example.org")
        let app = Application(router: WebApp.buildRouter(library: library, options: ServerOptions(defaultLanguage: .en, adminToken: "secret")))
        try await app.test(.live) { client in
            try await client.execute(
                uri: "/api/repositories/acme/long/ingest", method: .post, headers: [.authorization: "Bearer secret"]
            ) { response in
                #expect(response.status.code >= 500, "\(response.status)")
            }
        }
        #expect(IngestFaultTests.gitProcesses(on: repo.path) == 0)
    }
}
