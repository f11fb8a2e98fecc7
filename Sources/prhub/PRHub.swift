import ArgumentParser
import Foundation
import PRHubModel

/// `prhub`: weekly technical reports from a repository's merged pull requests.
struct PRHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prhub",
        abstract: "Turn a week of merged pull requests into a technical weekly report.",
        discussion: """
            PRHub reads a repository's first-parent history (a local clone) into a SQLite store, then
            writes a report for one ISO week: key changes by theme, busiest modules, files and authors,
            risks with their evidence, briefs of the PRs worth a close read, and follow-up actions.

            Typical use:
              prhub report --git ~/src/vllm --repo vllm-project/vllm --week last --lang en
            """,
        subcommands: [IngestCommand.self, SyncCommand.self, ReportCommand.self, ProfileCommand.self, ServeCommand.self, SiteCommand.self, RunCommand.self]
    )
}

/// Options every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an SQLite file, or a PostgreSQL server shared by several machines, postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (password from the URL or PGPASSWORD).",
            valueName: "PATH|URL"))
    var db: String = ".prhub/prhub.sqlite"
}

/// A command whose work is asynchronous; `main.swift` awaits `runAsync()` for these.
protocol AsyncCommand {
    func runAsync() async throws
}
