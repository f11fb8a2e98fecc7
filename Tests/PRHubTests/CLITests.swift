import Foundation
import PRHubTestSupport
import Testing

/// Runs the real `prhub` binary, as a user would.
@Suite struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("prhub").path
    }

    func prhub(_ arguments: [String], in directory: String? = nil) throws -> Run {
        try Self.run(arguments, in: directory)
    }

    /// Runs the binary; `environment` replaces the inherited one when given.
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "prhub not found at \(Self.binary)")
    }

    @Test func reportsGoToStdoutOrAFile() throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/store.sqlite"
        let md = try prhub(["report", "--git", repo.path, "--repo", "acme/engine", "--week", "2026-W14", "--db", db])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.stdout.hasPrefix("# 2026 第 14 周技术周报 (03-30 至 04-05)"))
        #expect(md.stdout.contains("<http://127.0.0.1:8080/acme/engine/reports/2026-03-30-to-2026-04-05>"))
        let out = folder + "/digest.json"
        let json = try prhub(["report", "acme/engine", "--week", "2026-W14", "--format", "json", "--out", out, "--db", db, "--lang", "en"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(object?["prCount"] as? Int == 7)
        let ingest = try prhub(["ingest", "--git", repo.path, "--repo", "acme/engine", "--db", db])
        #expect(ingest.status == 0)
        #expect(ingest.stderr.contains("0 pull requests and 0 direct commits added"))
    }

    /// A page saved with `--out` is opened as a file: its links go to the site's absolute addresses.
    @Test func anHTMLFileLinksToTheSite() throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/week.html"
        let run = try prhub(["report", "--git", repo.path, "--repo", "acme/engine", "--week", "2026-W14", "--format", "html",
            "--out", out, "--db", folder + "/store.sqlite", "--base-url", "https://reports.example.org/"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        for href in hrefs { #expect(href.hasPrefix("https://"), "relative link \(href) does not resolve in a saved file") }
        #expect(html.contains("href=\"https://reports.example.org/acme/engine/reports/2026-03-30-to-2026-04-05.zh.md\""))
        #expect(html.contains("href=\"https://reports.example.org/acme/engine\""))
    }

    @Test func theDefaultStoreLivesInTheCurrentFolder() throws {
        let repo = try Fixtures.riskyWeek()
        let folder = try temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        let run = try prhub(["ingest", "--git", repo.path, "--repo", "acme/engine"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/.prhub/prhub.sqlite"))
    }

    @Test(arguments: [
        (["report", "--git", "/", "--repo", "a/b", "--week", "2026-W14"], "not a git repository"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W99"], "ISO week"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W14", "--tz", "Mars/Base"], "unknown time zone"),
        (["report", "--git", "REPO", "--repo", "not-a-repo", "--week", "2026-W14"], "OWNER/NAME"),
        (["report", "--git", "REPO", "--repo", "../../etc/passwd", "--week", "2026-W14"], "OWNER/NAME"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W14", "--out", "/nonexistent/folder/r.md"], "cannot write"),
        (["report", "--git", "REPO", "--week", "2026-W14"], "--repo"),
        (["report", "--git", "REPO", "--repo", "a/b", "--since", "2026-13-01", "--until", "2026-12-01"], "--since"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W14", "--lang", "fr"], "--lang"),
        (["report", "--git", "REPO", "--repo", "a/b"], "--week"),
        (["report", "--git", "REPO", "--repo", "a/b", "--until", "2026-04-05"], "--until needs --since"),
        (["site", "--out", ""], "--out needs a folder name"),
        (["report", "--repo", "a/never-ingested", "--week", "2026-W14"], "holds nothing"),
        (["report", "--bogus"], "bogus"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W14", "--writer", "llm"], "--llm-url"),
        (["report", "--git", "REPO", "--repo", "a/b", "--week", "2026-W14", "--writer", "poet"], "--writer"),
    ])
    func badInputIsOneErrorLineAndAFailureStatus(arguments: [String], message: String) throws {
        let repo = try TestRepository()
        let folder = try temporaryFolder()
        defer { repo.remove(); try? FileManager.default.removeItem(atPath: folder) }
        try repo.squashMerge(number: 1, title: "One", files: ["a.py": .lines(1)], date: "2026-03-31T10:00:00Z")
        let run = try prhub(arguments.map { $0 == "REPO" ? repo.path : $0 } + ["--db", folder + "/s.sqlite"], in: folder)
        #expect(run.status != 0)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(lines.first?.hasPrefix("error: ") == true)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func helpExplainsTheCommands() throws {
        let run = try prhub(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("ingest") && run.stdout.contains("report"))
        let report = try prhub(["report", "--help"])
        #expect(report.stdout.contains("--week") && report.stdout.contains("--tz"))
    }
}

/// Output that cannot be written is one `error:` line and a non-zero exit, never a crash; `--out` never
/// replaces what is not a regular file.
@Suite struct OutputSafetyTests {
    func report(_ extra: [String], stdout: FileHandle? = nil) throws -> (status: Int32, stderr: String, folder: String) {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = ["report", "--git", repo.path, "--repo", "acme/engine", "--week", "2026-W14", "--db", folder + "/s.sqlite"] + extra
        let err = Pipe()
        process.standardError = err
        if let stdout { process.standardOutput = stdout }
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "the process was killed by a signal")
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self), folder)
    }

    @Test func aFullDiskOnStandardOutputIsAnErrorNotACrash() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let run = try report([], stdout: full)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: cannot write to standard output"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func outNeverReplacesDevicesLinksOrFIFOs() throws {
        // A device is written through and stays a device.
        let null = try report(["--out", "/dev/null"])
        #expect(null.status == 0, "\(null.stderr)")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        // A symbolic link and a FIFO are refused and left as they were.
        let folder = null.folder
        let target = folder + "/target.md"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.md", withDestinationPath: target)
        let link = try report(["--out", folder + "/link.md"])
        #expect(link.status == 1 && link.stderr.contains("symbolic link"), "\(link.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link.md") == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        let fifo = try report(["--out", folder + "/pipe"])
        #expect(fifo.status == 1 && fifo.stderr.contains("FIFO"), "\(fifo.stderr)")
        // A regular file is replaced.
        let file = try report(["--out", target])
        #expect(file.status == 0)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# 2026"))
        try? FileManager.default.removeItem(atPath: folder)
    }
}
