import Foundation

/// A real git repository made on the fly in a temporary folder, for tests.
/// Commits get exact author, committer and date, so tests can reason about weeks and zones.
public struct TestRepository: Sendable {
    public let path: String

    public enum Content: Sendable {
        case text(String)
        /// `lines` distinct lines, so numstat reports exactly that many additions.
        case lines(Int)
        case binary([UInt8])
    }

    public struct Person: Sendable {
        public var name: String
        public var email: String
        public init(_ name: String, _ email: String) {
            self.name = name
            self.email = email
        }
        public static let alice = Person("Alice Liddell", "1001+alice@users.noreply.github.com")
        public static let bob = Person("Bob Builder", "bob@example.com")
        public static let maintainer = Person("Maintainer", "maintainer@example.com")
    }

    /// Creates an empty repository with branch `main` (bare repositories are made with `bareClone()`).
    public init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.path
        try git(["init", "-q", "-b", "main"])
        try git(["config", "user.name", "Test"])
        try git(["config", "user.email", "test@example.com"])
        try git(["config", "commit.gpgsign", "false"])
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes files (and deletes others), then commits them on the current branch. Returns the sha.
    @discardableResult
    public func commit(
        _ message: String, files: [String: Content] = [:], deleting: [String] = [], author: Person = .alice,
        date: String, committer: Person = .maintainer
    ) throws -> String {
        try write(files)
        for path in deleting { try git(["rm", "-q", "--", path]) }
        try git(["add", "-A"])
        try git(["commit", "-q", "--allow-empty", "-F", "-"], input: message, environment: identity(author, committer, date))
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Commits with a message given as raw bytes (for messages that are not valid UTF-8).
    @discardableResult
    public func commit(rawMessage: [UInt8], files: [String: Content], date: String) throws -> String {
        try write(files)
        try git(["add", "-A"])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prhub-msg-\(UUID().uuidString)")
        try Data(rawMessage).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try git(["commit", "-q", "--cleanup=verbatim", "-F", file.path],
            environment: identity(.alice, .maintainer, date))
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A squash merge as GitHub writes it: `Title (#N)` on main.
    @discardableResult
    public func squashMerge(
        number: Int, title: String, body: String = "", files: [String: Content], deleting: [String] = [],
        author: Person = .alice, date: String
    ) throws -> String {
        try commit("\(title) (#\(number))\n\n\(body)", files: files, deleting: deleting, author: author, date: date)
    }

    /// A merge commit as GitHub writes it: a branch with one commit, merged with `--no-ff`.
    @discardableResult
    public func mergePullRequest(
        number: Int, login: String, branch: String, title: String, body: String = "", files: [String: Content],
        author: Person = .alice, date: String
    ) throws -> String {
        try git(["checkout", "-q", "-b", branch])
        try commit(title, files: files, author: author, date: date)
        try git(["checkout", "-q", "main"])
        let message = "Merge pull request #\(number) from \(login)/\(branch)\n\n\(title)\n\n\(body)"
        try git(["merge", "-q", "--no-ff", "-m", message, branch], environment: identity(.maintainer, .maintainer, date))
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git in the repository and returns its standard output.
    @discardableResult
    public func git(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> String {
        try Self.run(["git", "-C", path] + arguments, input: input, environment: environment)
    }

    /// Runs a command (no shell) and returns its standard output; throws with its stderr on failure.
    @discardableResult
    public static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(arguments: arguments, status: process.terminationStatus, stderr: String(decoding: errors, as: UTF8.self))
        }
        return String(decoding: output, as: UTF8.self)
    }

    public struct CommandError: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var stderr: String
        public var description: String { "\(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    private func identity(_ author: Person, _ committer: Person, _ date: String) -> [String: String] {
        [
            "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email, "GIT_COMMITTER_DATE": date,
        ]
    }

    private func write(_ files: [String: Content]) throws {
        for (relative, content) in files {
            let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data: Data
            switch content {
            case .text(let text): data = Data(text.utf8)
            case .lines(let count): data = Data((0..<count).map { "line \($0) of \(relative) \(UUID().uuidString)\n" }.joined().utf8)
            case .binary(let bytes): data = Data(bytes)
            }
            try data.write(to: url)
        }
    }
}
