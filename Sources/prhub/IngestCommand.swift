import ArgumentParser
import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read a local clone's history into the store (incremental).",
        discussion: """
            Reads the first-parent history of DIR (bare or not) with one streaming `git log`. Squash merges
            ("Title (#123)") and merge commits ("Merge pull request #123 from …") become pull requests; other
            commits are counted as direct commits. A second run reads only the commits added since.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Local clone to read.", valueName: "DIR"))
    var git: String

    @Option(name: .long, help: ArgumentHelp("GitHub OWNER/NAME (default: from the origin remote).", valueName: "OWNER/NAME"))
    var repo: String?

    @Option(name: .long, help: ArgumentHelp("Profile whose manifests and env registries have their diff text stored (default: .prhub.yml, the preset, the defaults).", valueName: "FILE"))
    var profile: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let repository = try GitRepository(path: git)
        let name = try RepositoryResolver.name(explicit: repo, repository: repository)
        let opened = try Store.open(store.db)
        let wantsDiff = try ProfileResolver.diffFilter(file: profile, repository: repository, name: name)
        let result = try Ingestion(store: opened, repository: repository, name: name, wantsDiff: wantsDiff).run(progress: Progress.line)
        Progress.finish(notices: result.notices)
        let summary = "\(name): \(result.added.pullRequests) pull requests and \(result.added.directCommits) direct commits added"
            + (result.incremental ? " (incremental)" : "") + "\n"
        StandardStreams.err(summary)
    }
}

/// Picks the repository name: `--repo`, else the GitHub remote `origin`.
enum RepositoryResolver {
    static func name(explicit: String?, repository: GitRepository?) throws -> RepositoryName {
        if let explicit { return try RepositoryName(explicit) }
        if let name = repository?.originRepositoryName() { return name }
        throw PRHubError(.invalidRepositoryName, "cannot tell the repository's name from its origin remote; pass --repo OWNER/NAME")
    }
}

/// A single self-overwriting progress line on stderr, only when stderr is a terminal.
enum Progress {
    static let enabled = isatty(STDERR_FILENO) == 1

    static func line(_ commits: Int) {
        guard enabled else { return }
        StandardStreams.err("\r\u{1B}[Kingesting: \(commits) commits read")
    }

    /// Clears the line, then says what the ingest could not tell or removed.
    static func finish(notices: [IngestNotice] = []) {
        if enabled { StandardStreams.err("\r\u{1B}[K") }
        for notice in notices { StandardStreams.err(notice.message + "\n") }
    }
}
