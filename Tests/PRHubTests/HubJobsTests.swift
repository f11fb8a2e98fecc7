import Foundation
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// Several `prhub run` processes sharing one PostgreSQL store do one pass together: the four real
/// histories of ../shared, four weeks each, two languages, two targets played by a loopback server. One
/// process is killed (-9) in the middle of a job and one is stopped (SIGSTOP) past its lease and resumed:
/// every report is written once and every message delivered once.
@Suite struct HubJobsTests {
    static let histories = [
        ("vllm-ascend", "vllm-project/vllm-ascend"), ("ao", "pytorch/ao"), ("tpu-inference", "vllm-project/tpu-inference"),
        ("guidellm", "vllm-project/guidellm"),
    ]

    /// A running `prhub run`, its standard error in a file.
    final class Worker {
        let process = Process()
        let log: URL

        init(_ arguments: [String], environment: [String: String]) throws {
            log = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-worker-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: CLITests.binary)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardError = try FileHandle(forWritingTo: log)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }
        var stderr: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// Whether the process is stopped (state `T` in /proc).
        var isStopped: Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(close, offsetBy: 2)] == "T"
        }

        /// Waits until `condition` holds or `seconds` pass; returns whether it held. Sleeps without holding a
        /// thread of the test runner's small pool (async tests share it).
        static func wait(_ seconds: Double, until condition: () throws -> Bool) async throws -> Bool {
            let deadline = Date() + seconds
            while Date() < deadline {
                if try condition() { return true }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            return try condition()
        }

        deinit {
            if process.isRunning { kill(pid, SIGKILL) }
            try? FileManager.default.removeItem(at: log)
        }
    }

    @Test(
        .enabled(if: TestPostgres.isReachable, Comment(rawValue: TestPostgres.skipReason)),
        .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
    func fourProcessesOneKilledOneStalledDeliverEachMessageOnce() async throws {
        var clones: [(history: String, name: String, path: String)] = []
        for (history, name) in Self.histories {
            guard let path = try SharedData.replayedRepository(history) else {
                try #require(Bool(false), "../shared/data is absent: the real histories cannot be replayed")
                return
            }
            clones.append((history, name, path))
        }
        let folder = try IngestFaultTests.folder()
        let receiver = try ThreadedWebhookReceiver()
        defer { receiver.stop(); try? FileManager.default.removeItem(atPath: folder) }
        let base = "http://127.0.0.1:\(receiver.port)"
        let repositories = clones.map { "  - name: \($0.name)\n    git: \($0.path)\n    deliver: [team, automation]\n" }.joined()
        try """
            timeZone: UTC
            languages: [zh, en]
            baseURL: https://reports.example.org
            backfillWeeks: 4
            repositories:
            \(repositories)targets:
              team: {kind: teams, url: "\(base)/teams"}
              automation: {kind: webhook, url: "\(base)/webhook"}
            """.write(toFile: folder + "/hub.yml", atomically: true, encoding: .utf8)
        let db = TestPostgres.freshStoreURL("hub")
        let arguments = ["run", "--config", folder + "/hub.yml", "--db", db, "--as-of", "2026-08-17"]
        let lease = 3.0
        let common = ["PRHUB_JOB_LEASE": "\(Int(lease))"]
        // Each message takes a little while, so several processes are delivering at once. (Teams and a
        // webhook: WeCom's 20 a minute, kept by all the processes together, would make the pass take minutes.)
        receiver.setDelay(0.05)

        let started = Date()
        let workers = [
            try Worker(arguments, environment: common),
            try Worker(arguments, environment: common.merging(["PRHUB_FAULT_STOP_AFTER_CLAIM": "report"]) { $1 }),
            try Worker(arguments, environment: common.merging(["PRHUB_FAULT_STOP_AFTER_CLAIM": "deliver"]) { $1 }),
            try Worker(arguments, environment: common),
        ]
        let (killed, stalled) = (workers[1], workers[2])
        let store = try Store.open(db)

        // One is killed while it holds a report job, one stays stopped holding a delivery past its lease;
        // both are watched at once, and the time until another process holds their job is measured.
        var held: [Int32: (job: Int64, since: Date)] = [:]
        var takeover: [Int32: TimeInterval] = [:]
        let watching = try await Worker.wait(240) {
            for worker in [killed, stalled] where held[worker.pid] == nil && worker.isStopped {
                // "fault: stopping after claiming job ID at UNIXTIME"
                guard let line = worker.stderr.split(separator: "\n").first(where: { $0.hasPrefix("fault: stopping after claiming job ") }),
                      case let words = line.split(separator: " "), words.count == 8,
                      let id = Int64(words[5]), let claimed = Double(words[7]) else { continue }
                if worker === killed {
                    kill(worker.pid, SIGKILL)
                    worker.process.waitUntilExit()
                }
                // A kill's takeover counts from the kill; a stall's from the claim (its lease runs from then).
                held[worker.pid] = (id, worker === killed ? Date() : Date(timeIntervalSince1970: claimed))
            }
            for (pid, hold) in held where takeover[pid] == nil {
                if let job = try? store.job(hold.job), job.owner != "\(JobLease.host):\(pid)" {
                    takeover[pid] = Date().timeIntervalSince(hold.since)
                }
            }
            return takeover.count == 2
        }
        #expect(watching, "held \(held), taken over \(takeover); killed: \(killed.stderr); stalled: \(stalled.stderr)")
        let killTakeover = takeover[killed.pid] ?? -1
        let stallTakeover = takeover[stalled.pid] ?? -1

        // The others finish the pass; then the stalled one wakes up and must neither write nor send.
        for worker in [workers[0], workers[3]] {
            #expect(try await Worker.wait(300) { !worker.process.isRunning }, "a worker did not finish: \(worker.stderr)")
        }
        let sentBeforeWaking = receiver.received.count
        kill(stalled.pid, SIGCONT)
        #expect(try await Worker.wait(60) { !stalled.process.isRunning })
        let wall = Date().timeIntervalSince(started)
        #expect(receiver.received.count == sentBeforeWaking, "the stalled worker sent after losing its claim")
        #expect(stalled.stderr.contains("taken over by another process"), "\(stalled.stderr)")
        for worker in [workers[0], workers[2], workers[3]] {
            #expect(worker.process.terminationStatus == 0, "\(worker.stderr)")
        }

        // Every report written once; every message delivered once.
        var weeksWithPRs = 0
        var weeks = 0
        for clone in clones {
            for week in ["2026-W30", "2026-W31", "2026-W32", "2026-W33"] {
                let period = Period(week: try ISOWeek(week), zone: .utc)
                weeks += 1
                if try !store.pullRequests(try RepositoryName(clone.name), from: period.startInstant, to: period.endInstant, files: false).isEmpty {
                    weeksWithPRs += 1
                }
            }
        }
        let writes = try store.reportWrites()
        #expect(writes.count == weeks * 2, "\(writes.keys.sorted())")
        #expect(writes.values.allSatisfy { $0 == 1 }, "\(writes.filter { $0.value != 1 })")
        let delivered = receiver.received.map(HubRunTests.key)
        let counts = Dictionary(delivered.map { ($0, 1) }, uniquingKeysWith: +)
        let duplicates = counts.values.reduce(0) { $0 + $1 - 1 }
        let expected = weeksWithPRs * 2 * 2
        #expect(counts.count == expected, "\(counts.count) distinct messages, \(expected) expected")
        #expect(duplicates == 0, "\(counts.filter { $0.value > 1 })")
        #expect(try store.jobs(in: [.failed, .queued, .running]).isEmpty)
        let jobs = try store.jobCounts()[.done] ?? 0
        print("""
            hub jobs, 4 processes on PostgreSQL: \(jobs) jobs in \(String(format: "%.1f", wall)) s \
            (\(String(format: "%.1f", Double(jobs) / wall)) jobs/s); \(weeks * 2) reports, \(counts.count) messages, \
            duplicates \(duplicates), lost \(expected - counts.count); a job claimed by another process \
            \(String(format: "%.2f", killTakeover)) s after kill -9 (no lease wait on the same machine, only for a free process), \
            at most \(String(format: "%.2f", stallTakeover)) s after a stall began (lease \(Int(lease)) s)
            """)
    }
}
