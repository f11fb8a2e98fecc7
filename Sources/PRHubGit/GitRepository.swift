import Foundation
import PRHubModel

/// A local clone, bare or not, read through the `git` command.
public struct GitRepository: Sendable {
    public let path: String

    /// Throws `notAGitRepository` when `path` is not inside a git repository.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PRHubError(.notAGitRepository, "'\(path)' is not a directory")
        }
        self.path = path
        do {
            _ = try git.text(["rev-parse", "--git-dir"])
        } catch {
            throw PRHubError(.notAGitRepository, "'\(path)' is not a git repository")
        }
    }

    var git: GitProcess { GitProcess(directory: path) }

    /// The commit HEAD points at, or nil in a repository with no commits yet.
    public func head() throws -> String? {
        try? git.text(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
    }

    /// True when `ancestor` is a known commit reachable from `head`.
    public func isAncestor(_ ancestor: String, of head: String) -> Bool {
        (try? git.output(["merge-base", "--is-ancestor", ancestor, head])) != nil
    }

    /// The GitHub owner/name of the `origin` remote, if it points at GitHub.
    public func originRepositoryName() -> RepositoryName? {
        guard let url = try? git.text(["config", "--get", "remote.origin.url"]) else { return nil }
        return RepositoryName.fromRemoteURL(url)
    }

    /// The text of `.prhub.yml` at the root: the working tree's copy, else the one committed at HEAD.
    public func profileText() -> String? {
        let file = URL(fileURLWithPath: path).appendingPathComponent(".prhub.yml").path
        if let text = try? String(contentsOfFile: file, encoding: .utf8) { return text }
        guard let data = try? git.output(["show", "HEAD:.prhub.yml"]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Streams the first-parent history from `head` (newest first), stopping before `since` when given.
    /// `onBatch` receives commits in groups of at most `batchSize` as git produces them.
    public func readHistory(
        head: String, since: String?, batchSize: Int = 500, onBatch: ([Commit]) throws -> Void
    ) throws {
        var arguments = [
            // Renames detected (`-M`): a moved file counts the lines it changed, under its new path.
            "log", "--first-parent", "-z", "--numstat", "-M", "--diff-merges=first-parent",
            "--format=\(GitLogParser.format)",
        ]
        arguments.append(since.map { "\($0)..\(head)" } ?? head)
        arguments.append("--")
        var parser = GitLogParser()
        var batch: [Commit] = []
        batch.reserveCapacity(batchSize)
        try git.stream(arguments) { chunk in
            batch.append(contentsOf: try parser.feed(chunk))
            if batch.count >= batchSize {
                try onBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        batch.append(contentsOf: try parser.finish())
        if !batch.isEmpty { try onBatch(batch) }
    }

    /// Added and removed lines of the given files in many commits, read by one `git log --no-walk -p`.
    /// Returns, per commit sha, the files of `paths` it changed.
    public func lineChanges(commits: [String], paths: [String]) throws -> [String: [String: LineChanges]] {
        guard !commits.isEmpty, !paths.isEmpty else { return [:] }
        return try lineChangeRecords(
            ["log", "--no-walk=unsorted", "-p", "--unified=0", "--no-renames", "--no-color", "--diff-merges=first-parent",
             "--format=%x1e%H"] + commits + ["--"] + Set(paths).sorted().map { ":(literal)\($0)" })
    }

    /// Runs a `git log -p --format=%x1e%H` and splits its output into each commit's files' lines.
    private func lineChangeRecords(_ arguments: [String]) throws -> [String: [String: LineChanges]] {
        let output = try git.output(arguments)
        var result: [String: [String: LineChanges]] = [:]
        for record in String(decoding: output, as: UTF8.self).split(separator: "\u{1E}") {
            let sha = record.prefix { $0 != "\n" }
            result[String(sha)] = UnifiedDiff.parse(String(record.dropFirst(sha.count)))
        }
        return result
    }

    /// Added and removed lines of the given files in one commit (against its first parent).
    /// Paths are passed as literal pathspecs, so untrusted names cannot act as globs or options.
    public func lineChanges(commit sha: String, paths: [String]) throws -> [String: LineChanges] {
        guard !paths.isEmpty else { return [:] }
        let output = try git.output(
            ["show", "--format=", "--unified=0", "--no-renames", "--no-color", "--diff-merges=first-parent", sha, "--"]
                + paths.map { ":(literal)\($0)" })
        return UnifiedDiff.parse(String(decoding: output, as: UTF8.self))
    }
}

