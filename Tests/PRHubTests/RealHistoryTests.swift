import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// The rebuilt vllm-ascend history (../shared): the digest must agree with what `git log` says.
@Suite(.serialized, .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout")) struct RealHistoryTests {
    static let repositoryPath: String? = {
        do {
            return try SharedData.replayedRepository("vllm-ascend")
        } catch {
            Issue.record("replaying vllm-ascend failed: \(error)")
            return nil
        }
    }()

    /// What plain `git log` says about one window: PR count, authors and files per PR.
    struct GitTruth {
        var prs: [(subject: String, email: String, name: String, files: Set<String>)] = []
    }

    static func truth(_ path: String, from: Date, to: Date) throws -> GitTruth {
        let output = try TestRepository.run(["git", "-C", path, "log", "--first-parent", "--numstat", "--no-renames",
            "--format=@@@%ct%x09%ae%x09%an%x09%s"])
        var truth = GitTruth()
        var current: (time: Double, subject: String, email: String, name: String, files: Set<String>)?
        func flush() {
            guard let c = current, c.time >= from.timeIntervalSince1970, c.time < to.timeIntervalSince1970,
                c.subject.range(of: #"\(#\d+\)$"#, options: .regularExpression) != nil
            else { return }
            truth.prs.append((c.subject, c.email, c.name, c.files))
        }
        for line in output.split(separator: "\n") {
            if line.hasPrefix("@@@") {
                flush()
                let fields = line.dropFirst(3).split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                current = (Double(fields[0]) ?? 0, fields[3], fields[1], fields[2], [])
            } else {
                let parts = line.split(separator: "\t", maxSplits: 2)
                if parts.count == 3 { current?.files.insert(String(parts[2])) }
            }
        }
        flush()
        return truth
    }

    @Test func week14InShanghaiMatchesGitLog() throws {
        let path = try #require(Self.repositoryPath)
        let name = try RepositoryName("vllm-project/vllm-ascend")
        let store = try Store.inMemory()
        let git = try GitRepository(path: path)
        let ingest = try Ingestion(store: store, repository: git, name: name).run()
        #expect(ingest.added.pullRequests + ingest.added.directCommits == 4734)
        let period = Period(week: try ISOWeek("2026-W14"), zone: try ReportTimeZone("Asia/Shanghai"))
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: name, store: store)
        let digest = try ReportGenerator(store: store, repository: git, profile: profile).digest(
            ReportRequest(repository: name, period: period, language: .zh, format: .json, baseURL: "http://x"))
        let truth = try Self.truth(path, from: period.startInstant, to: period.endInstant)

        #expect(digest.prCount == truth.prs.count)
        #expect(digest.prCount > 0)

        var authorCounts: [String: Int] = [:]
        let bots: Set<String> = ["vllm-ascend-ci", "iKeybot"]
        for pr in truth.prs where !pr.name.hasSuffix("[bot]") && !bots.contains(pr.name) {
            let login = pr.email.hasSuffix("@users.noreply.github.com")
                ? String(pr.email.split(separator: "@")[0].split(separator: "+").last!) : nil
            authorCounts[login ?? pr.name, default: 0] += 1
        }
        let digestAuthors = Dictionary(uniqueKeysWithValues: digest.authors.map { ($0.name, $0.count) })
        #expect(digestAuthors == authorCounts)

        var fileCounts: [String: Int] = [:]
        for pr in truth.prs { for file in pr.files { fileCounts[file, default: 0] += 1 } }
        let expectedHot = fileCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(20)
        #expect(digest.hotFiles.map(\.path) == expectedHot.map(\.key))
        #expect(digest.hotFiles.map(\.count) == expectedHot.map(\.value))

        // Ingesting again reads nothing new.
        #expect(try Ingestion(store: store, repository: git, name: name).run().added == IngestCount())
    }

    @Test func incrementalIngestOfAPartialReplayCatchesUpExactly() throws {
        let shared = try #require(SharedData.folder)
        let partial = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-partial-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try TestRepository.run([shared.appendingPathComponent("tools/replay-history").path,
            shared.appendingPathComponent("data/vllm-ascend.history.jsonl.gz").path, partial, "--until", "2026-01-01T00:00:00Z"])
        let name = try RepositoryName("vllm-project/vllm-ascend")
        let store = try Store.inMemory()
        let first = try Ingestion(store: store, repository: try GitRepository(path: partial), name: name).run()
        let full = try #require(Self.repositoryPath)
        // The full replay shares the partial one's commits: fetch them as new upstream commits would arrive.
        try TestRepository.run(["git", "-C", partial, "fetch", "-q", full, "main"])
        try TestRepository.run(["git", "-C", partial, "reset", "-q", "--soft", "FETCH_HEAD"])
        let second = try Ingestion(store: store, repository: try GitRepository(path: partial), name: name).run()
        let total = first.added.pullRequests + first.added.directCommits + second.added.pullRequests + second.added.directCommits
        #expect(first.added.pullRequests > 0)
        #expect(second.incremental)
        #expect(total == 4734)
        #expect(try store.changeCount(name) == 4734)
    }
}
