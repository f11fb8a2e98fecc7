import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

@Suite struct IngestTests {
    let name = try! RepositoryName("acme/widgets")

    func ingest(_ repo: TestRepository, into store: Store) throws -> Ingestion.Result {
        try Ingestion(store: store, repository: try GitRepository(path: repo.path), name: name).run()
    }

    func all(_ store: Store) throws -> [PullRequest] {
        try store.pullRequests(name, from: Date(timeIntervalSince1970: 0), to: Date(timeIntervalSince1970: 4_000_000_000))
    }

    @Test func squashAndMergeCommitStylesBecomePullRequests() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.commit("Initial import", files: ["README.md": .lines(3)], date: "2026-03-01T10:00:00Z")
        try repo.squashMerge(number: 10, title: "[Feature] Add widgets", body: "Adds widgets.", files: ["src/w.py": .lines(40)],
            date: "2026-03-02T10:00:00Z")
        try repo.mergePullRequest(number: 11, login: "octo", branch: "fix-things", title: "Fix the thing",
            files: ["src/w.py": .lines(45), "tests/test_w.py": .lines(12)], author: .bob, date: "2026-03-03T10:00:00Z")
        let store = try Store.inMemory()
        let result = try ingest(repo, into: store)
        #expect(result.added == IngestCount(pullRequests: 2, directCommits: 1))
        let prs = try all(store)
        #expect(prs.map(\.number) == [10, 11])
        #expect(prs[0].title == "[Feature] Add widgets")
        #expect(prs[0].login == "alice")
        #expect(prs[0].files == [FileChange(path: "src/w.py", additions: 40, deletions: 0)])
        #expect(prs[1].title == "Fix the thing")
        #expect(prs[1].login == "octo")
        // The merge commit's diff against its first parent: both files of the branch.
        #expect(Set(prs[1].files.map(\.path)) == ["src/w.py", "tests/test_w.py"])
        #expect(prs[1].files.first { $0.path == "tests/test_w.py" }?.additions == 12)
    }

    /// A PR that moves files counts the lines it changed, under the new paths, as `git log -M` does.
    @Test func exportedDiffsStoredAsDirectCommitsBecomePullRequestsOnTheNextIngest() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.commit("Initial import", files: ["README.md": .lines(3)], date: "2026-03-01T10:00:00Z")
        try repo.commit("Fix the arm64 build\n\nDifferential Revision: D1\nPull Request resolved: https://github.com/acme/widgets/pull/4029",
            files: ["src/memory.h": .lines(8)], date: "2026-03-02T10:00:00Z")
        let store = try Store.inMemory()
        let result = try ingest(repo, into: store)
        #expect(result.added == IngestCount(pullRequests: 1, directCommits: 1))
        #expect(try all(store).map(\.number) == [4029])
        // A store written before exported diffs were known holds the commit as a direct one.
        let old = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        var commits: [Commit] = []
        _ = try git.readHistory(head: try #require(try git.head()), since: nil, boundary: []) { commits += $0 }
        try old.insert(commits, repositoryID: try old.repositoryID(name)) { ChangeClassifier.pullRequest(from: $0, repository: "other") }
        #expect(try all(old).isEmpty)
        _ = try ingest(repo, into: old)
        let upgraded = try all(old)
        #expect(upgraded.map(\.number) == [4029])
        #expect(upgraded.first?.title == "Fix the arm64 build")
        #expect(upgraded.first?.files == [FileChange(path: "src/memory.h", additions: 8, deletions: 0)])
    }

    @Test func movedFilesCountTheirChangedLinesUnderTheNewPath() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        var files: [String: TestRepository.Content] = [:]
        for index in 0..<20 { files["old/pkg/m\(index).py"] = .lines(200) }
        try repo.commit("Initial import", files: files, date: "2026-03-01T10:00:00Z")
        // Move every file, adding one line to one of them.
        try repo.git(["mv", "old/pkg", "new_pkg"])
        var edited = try String(contentsOfFile: repo.path + "/new_pkg/m0.py", encoding: .utf8)
        edited += "one more line\n"
        try edited.write(toFile: repo.path + "/new_pkg/m0.py", atomically: true, encoding: .utf8)
        try repo.squashMerge(number: 30, title: "Move the package", files: [:], date: "2026-03-02T10:00:00Z")
        let store = try Store.inMemory()
        _ = try ingest(repo, into: store)
        let moved = try #require(try all(store).first { $0.number == 30 })
        #expect(moved.files.count == 20)
        #expect(moved.files.allSatisfy { $0.path.hasPrefix("new_pkg/") })
        #expect(moved.additions + moved.deletions <= 2, "a move is not \(moved.additions) added and \(moved.deletions) deleted lines")
    }

    @Test func unicodeBinaryAndHugePullRequestsSurviveIntact() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        var many: [String: TestRepository.Content] = [:]
        for index in 0..<500 { many["gen/file_\(index).py"] = .lines(index % 7 + 1) }
        try repo.squashMerge(number: 1, title: "[Doc] 更新文档：支持中文 🚀", body: "正文\n第二行",
            files: ["docs/说明 文档.md": .lines(5), "assets/logo.png": .binary([0, 1, 2, 255, 0, 9])], date: "2026-03-02T10:00:00Z")
        try repo.squashMerge(number: 2, title: "Generate 500 files", files: many, date: "2026-03-03T10:00:00Z")
        let store = try Store.inMemory()
        _ = try ingest(repo, into: store)
        let prs = try all(store)
        #expect(prs[0].title == "[Doc] 更新文档：支持中文 🚀")
        #expect(prs[0].body == "正文\n第二行")
        #expect(prs[0].files.contains(FileChange(path: "docs/说明 文档.md", additions: 5, deletions: 0)))
        #expect(prs[0].files.contains(FileChange(path: "assets/logo.png", additions: 0, deletions: 0, isBinary: true)))
        #expect(prs[1].files.count == 500)
        #expect(prs[1].additions == (0..<500).reduce(0) { $0 + $1 % 7 + 1 })
    }

    @Test func secondRunReadsOnlyNewCommitsAndNeverDuplicates() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.squashMerge(number: 1, title: "One", files: ["a.py": .lines(1)], date: "2026-03-02T10:00:00Z")
        try repo.squashMerge(number: 2, title: "Two", files: ["b.py": .lines(1)], date: "2026-03-03T10:00:00Z")
        let store = try Store.inMemory()
        #expect(try ingest(repo, into: store).added.pullRequests == 2)
        let again = try ingest(repo, into: store)
        #expect(again.added == IngestCount())
        try repo.squashMerge(number: 3, title: "Three", files: ["c.py": .lines(1)], date: "2026-03-04T10:00:00Z")
        try repo.commit("direct push", files: ["d.py": .lines(1)], date: "2026-03-04T11:00:00Z")
        let third = try ingest(repo, into: store)
        #expect(third.incremental)
        #expect(third.added == IngestCount(pullRequests: 1, directCommits: 1))
        #expect(try all(store).map(\.number) == [1, 2, 3])
    }

    @Test func rewrittenHistoryIsReadAgainWithoutDuplicates() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        try repo.squashMerge(number: 1, title: "One", files: ["a.py": .lines(1)], date: "2026-03-02T10:00:00Z")
        try repo.squashMerge(number: 2, title: "Two", files: ["b.py": .lines(1)], date: "2026-03-03T10:00:00Z")
        let store = try Store.inMemory()
        _ = try ingest(repo, into: store)
        try repo.git(["reset", "-q", "--hard", "HEAD~1"])
        try repo.squashMerge(number: 5, title: "Five", files: ["e.py": .lines(1)], date: "2026-03-05T10:00:00Z")
        let result = try ingest(repo, into: store)
        #expect(!result.incremental)
        #expect(result.added.pullRequests == 1)
        // #2 left the branch with the force-push: it leaves the store too, and the ingest says so.
        #expect(try all(store).map(\.number) == [1, 5])
        #expect(result.notices.count == 1)
        if case .leftTheBranch(let removed) = result.notices.first { #expect(removed.map(\.number) == [2]) } else { Issue.record("no notice") }
    }

    @Test func severalRepositoriesShareOneStoreFile() throws {
        let first = try TestRepository()
        let second = try TestRepository()
        defer { first.remove(); second.remove() }
        try first.squashMerge(number: 1, title: "First", files: ["a.py": .lines(1)], date: "2026-03-02T10:00:00Z")
        try second.squashMerge(number: 1, title: "Second", files: ["a.py": .lines(1)], date: "2026-03-02T10:00:00Z")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-\(UUID().uuidString)/db.sqlite").path
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        let store = try Store.open(path: file)
        let other = try RepositoryName("acme/other")
        _ = try Ingestion(store: store, repository: try GitRepository(path: first.path), name: name).run()
        _ = try Ingestion(store: store, repository: try GitRepository(path: second.path), name: other).run()
        let reopened = try Store.open(path: file)
        #expect(try reopened.repositories() == ["acme/other", "acme/widgets"])
        #expect(try all(reopened).map(\.title) == ["First"])
        #expect(try reopened.pullRequests(other, from: .distantPast, to: .distantFuture).map(\.title) == ["Second"])
    }

    @Test func bareClonesAndEmptyRepositoriesAreRead() throws {
        let repo = try TestRepository()
        defer { repo.remove() }
        let store = try Store.inMemory()
        #expect(try ingest(repo, into: store).head == nil)
        try repo.squashMerge(number: 4, title: "Four", files: ["a.py": .lines(2)], date: "2026-03-02T10:00:00Z")
        let bare = repo.path + "-bare"
        try TestRepository.run(["git", "clone", "-q", "--bare", repo.path, bare])
        defer { try? FileManager.default.removeItem(atPath: bare) }
        _ = try Ingestion(store: store, repository: try GitRepository(path: bare), name: name).run()
        #expect(try all(store).map(\.number) == [4])
    }

    @Test func aFolderThatIsNotARepositoryIsAClearError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: PRHubError(.notAGitRepository, "'\(folder.path)' is not a git repository")) {
            try GitRepository(path: folder.path)
        }
    }
}

/// Several processes opening one new store at once: the schema is made once, every one of them succeeds.
@Suite struct ConcurrentStoreTests {
    @Test func tenProcessesOpenANewStoreTogether() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        // Three rounds of ten processes held at a start line and released together: the race needs them
        // within milliseconds of each other.
        for round in 0..<3 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-concurrent-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let go = folder + "/go"
            let processes = (0..<10).map { _ -> (Process, Pipe) in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", "until [ -e \"$1\" ]; do sleep 0.005; done; exec \"$0\" ingest --git \"$2\" --repo acme/engine --db \"$3\"",
                    CLITests.binary, go, repo.path, folder + "/store.sqlite"]
                let err = Pipe()
                process.standardError = err
                process.standardOutput = FileHandle.nullDevice
                return (process, err)
            }
            for (process, _) in processes { try process.run() }
            Thread.sleep(forTimeInterval: 0.3)
            FileManager.default.createFile(atPath: go, contents: nil)
            var failures: [String] = []
            for (process, err) in processes {
                let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if process.terminationStatus != 0 { failures.append(stderr) }
            }
            #expect(failures.isEmpty, "round \(round): \(failures.count) of 10 failed: \(failures.first ?? "")")
        }
    }
}
