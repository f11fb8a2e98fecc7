import Foundation
import PRHubModel

/// A local clone, bare or not, read through the `git` command.
public struct GitRepository: Sendable {
    public let path: String
    /// The repository's common git folder, absolute (shared by its worktrees): where `shallow` is kept.
    let commonDirectory: String

    /// Throws `notAGitRepository` when `path` is not inside a git repository.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PRHubError(.notAGitRepository, "'\(path)' is not a directory")
        }
        self.path = path
        do {
            commonDirectory = try GitProcess(directory: path).text(["rev-parse", "--path-format=absolute", "--git-common-dir"])
        } catch {
            throw PRHubError(.notAGitRepository, "'\(path)' is not a git repository")
        }
    }

    var git: GitProcess { GitProcess(directory: path) }

    /// A bare mirror of `url` kept at `path`: cloned the first time, fetched (pruned: force-pushes and
    /// deleted branches follow the remote) every later time.
    public static func mirror(url: String, at path: String) throws -> GitRepository {
        if FileManager.default.fileExists(atPath: path + "/HEAD") {
            try GitProcess(directory: path, allowsNetwork: true).stream(["fetch", "--prune", "--quiet", "origin"]) { _ in }
        } else {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            // `--` keeps a URL that starts like an option from being read as one.
            try GitProcess(directory: parent, allowsNetwork: true).stream(["clone", "--mirror", "--quiet", "--", url, path]) { _ in }
        }
        return try GitRepository(path: path)
    }

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

    /// The boundary commits of a shallow clone (sorted), or nil when the clone has its whole history. A clone
    /// is shallow when its `shallow` file lists commits, as git itself decides (read here without a process).
    public func shallowBoundary() throws -> [String]? {
        let text = (try? String(contentsOfFile: commonDirectory + "/shallow", encoding: .utf8)) ?? ""
        let boundary = text.split(whereSeparator: \.isWhitespace).map(String.init).sorted()
        return boundary.isEmpty ? nil : boundary
    }

    /// What a read of the history could not tell.
    public struct HistoryRead: Sendable, Equatable {
        /// Commits whose files were read without line counts: the clone lacks some of their contents.
        public var commitsWithUnknownLines = 0
        /// Shallow boundary commits met, whose files are unknown.
        public var boundaryCommits: [String] = []
        /// The oldest commit read, when any was.
        public var oldest: Date?
    }

    /// Streams the first-parent history from `head` (newest first), stopping before `since` when given.
    /// `onBatch` receives commits in groups of at most `batchSize` as git produces them. The commits of
    /// `boundary` (a shallow clone's) come with no files, marked unknown. When the clone lacks contents git
    /// needs to count lines (a partial clone, a damaged mirror), the history is read again without them:
    /// every commit keeps its files, and those whose contents are missing have their line counts unknown.
    @discardableResult
    public func readHistory(
        head: String, since: String?, boundary: Set<String> = [], batchSize: Int = 500, onBatch: ([Commit]) throws -> Void
    ) throws -> HistoryRead {
        var read = HistoryRead()
        let deliver = { (commits: [Commit]) throws in
            var commits = commits
            for index in commits.indices where boundary.contains(commits[index].sha) {
                commits[index].files = []
                commits[index].filesKnown = false
                read.boundaryCommits.append(commits[index].sha)
            }
            if let last = commits.last { read.oldest = min(read.oldest ?? last.committedAt, last.committedAt) }
            try onBatch(commits)
        }
        let range = since.map { "\($0)..\(head)" } ?? head
        do {
            // Renames detected (`-M`): a moved file counts the lines it changed, under its new path.
            try streamLog(["--first-parent", "--numstat", "-M", range], batchSize: batchSize, onBatch: deliver)
        } catch let error as PRHubError where Self.isMissingObject(error) {
            read = HistoryRead()
            read.commitsWithUnknownLines = try readLackingContents(range: range, batchSize: batchSize, onBatch: deliver)
        }
        return read
    }

    /// Runs `git log -z` with the parser's format and hands its commits over in batches.
    private func streamLog(_ arguments: [String], namesOnly: Bool = false, batchSize: Int, onBatch: ([Commit]) throws -> Void) throws {
        var parser = GitLogParser(namesOnly: namesOnly)
        var batch: [Commit] = []
        batch.reserveCapacity(min(batchSize, 1024))
        try git.stream(["log", "-z", "--diff-merges=first-parent", "--format=\(GitLogParser.format)"] + arguments + ["--"]) { chunk in
            batch.append(contentsOf: try parser.feed(chunk))
            if batch.count >= batchSize {
                try onBatch(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        batch.append(contentsOf: try parser.finish())
        if !batch.isEmpty { try onBatch(batch) }
    }

    /// The history read in a clone that lacks some contents: file names first (they need trees only), then
    /// line counts a group of commits at a time, a group that fails split in halves down to the commits
    /// that lack contents. Returns how many commits kept unknown line counts.
    private func readLackingContents(range: String, batchSize: Int, onBatch: ([Commit]) throws -> Void) throws -> Int {
        var named: [Commit] = []
        try streamLog(["--first-parent", "--name-only", "--no-renames", range], namesOnly: true, batchSize: batchSize) {
            named += $0
        }
        var unknown = 0
        for start in stride(from: 0, to: named.count, by: batchSize) {
            let group = named[start..<min(named.count, start + batchSize)]
            var counted: [String: Commit] = [:]
            try countLines(of: group.map(\.sha)[...], into: &counted)
            try onBatch(group.map { commit in
                if let known = counted[commit.sha] { return known }
                if !commit.files.isEmpty { unknown += 1 }
                return commit
            })
        }
        return unknown
    }

    private func countLines(of shas: ArraySlice<String>, into counted: inout [String: Commit]) throws {
        guard !shas.isEmpty else { return }
        do {
            var found: [Commit] = []
            try streamLog(["--no-walk=unsorted", "--numstat", "-M"] + shas, batchSize: Int.max) { found += $0 }
            for commit in found { counted[commit.sha] = commit }
        } catch let error as PRHubError where Self.isMissingObject(error) {
            guard shas.count > 1 else { return }
            let middle = shas.startIndex + shas.count / 2
            try countLines(of: shas[..<middle], into: &counted)
            try countLines(of: shas[middle...], into: &counted)
        }
    }

    /// True when git stopped because an object is missing from the clone (and may not be fetched).
    static func isMissingObject(_ error: PRHubError) -> Bool {
        guard error.code == .gitFailed else { return false }
        return ["could not fetch", "unable to read", "missing blob", "missing object", "bad object", "lazy fetching disabled"]
            .contains { error.message.contains($0) }
    }

    /// Added and removed lines of the given files in many commits, read by one `git log --no-walk -p`.
    /// Returns, per commit sha, the files of `paths` it changed. A commit whose contents the clone lacks
    /// is left out (the commits are then read in halves until it is found).
    public func lineChanges(commits: [String], paths: [String]) throws -> [String: [String: LineChanges]] {
        guard !commits.isEmpty, !paths.isEmpty else { return [:] }
        do {
            return try lineChangeRecords(
                ["log", "--no-walk=unsorted", "-p", "--unified=0", "--no-renames", "--no-color", "--diff-merges=first-parent",
                 "--format=%x1e%H"] + commits + ["--"] + Set(paths).sorted().map { ":(literal)\($0)" })
        } catch let error as PRHubError where Self.isMissingObject(error) {
            guard commits.count > 1 else { return [:] }
            let middle = commits.count / 2
            return try lineChanges(commits: Array(commits[..<middle]), paths: paths)
                .merging(try lineChanges(commits: Array(commits[middle...]), paths: paths)) { first, _ in first }
        }
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

