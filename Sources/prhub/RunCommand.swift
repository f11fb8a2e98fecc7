import ArgumentParser
import Foundation
import PRHubDelivery
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore

struct RunCommand: AsyncParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "One hub pass: ingest every repository of a config, write the weeks not yet written, deliver them.",
        discussion: """
            For each repository of the config: fetch its mirror (url:) or read its clone (git:), ingest, sync
            with GitHub when asked, write each complete week not yet written (at most backfillWeeks back) in
            every language, and deliver each week to its targets once. A ledger in the store makes the pass
            safe to repeat: killed at any point and run again, it skips what was done; at most the one
            message in flight when it died is sent again. Exits non-zero when any repository failed.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The hub config (YAML).", valueName: "FILE"))
    var config: String

    @Option(name: .long, help: ArgumentHelp("A date that stands for today (reruns, tests).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @OptionGroup var store: StoreOptions

    func run() async throws { try await runAsync() }

    func runAsync() async throws {
        let hub = try HubConfig.load(path: config)
        let now: Date
        if let asOf {
            guard let date = LocalDate(iso: asOf) else { throw PRHubError(.invalidDate, "--as-of must be a date such as 2026-04-06") }
            now = hub.zone.startOfDay(date)
        } else {
            now = Date()
        }
        let opened = try Store.open(store.db)
        let summary = try await HubRunner.pass(hub, store: opened, storePath: store.db, asOf: now)
        StandardStreams.err("hub pass: \(summary.repositories.count) repositories, \(summary.sent) messages sent\n")
        let failed = summary.repositories.filter { !$0.failures.isEmpty }
        if !failed.isEmpty {
            throw PRHubError(.invalidArgument, "\(failed.count) of \(summary.repositories.count) repositories failed: \(failed.map(\.name.description).joined(separator: ", "))")
        }
    }
}

/// Builds a hub pass the way the CLI and the server both run it.
enum HubRunner {
    static func pass(_ hub: HubConfig, store: Store, storePath: String, asOf: Date) async throws -> HubPass.Summary {
        let say: @Sendable (String) -> Void = { StandardStreams.err($0 + "\n") }
        var github: GitHubClient?
        if hub.repositories.contains(where: \.github), let token = GitHubToken.find() {
            let api = ProcessInfo.processInfo.environment["GITHUB_API_URL"] ?? "https://api.github.com"
            github = GitHubClient(endpoint: try GitHubEndpoint(api), token: token) { say($0) }
        }
        // Beside an SQLite store; in .prhub/ for a store on a server.
        let beside = PostgresLocation.isURL(storePath) ? URL(fileURLWithPath: ".prhub/prhub.sqlite") : URL(fileURLWithPath: storePath)
        let mirrors = beside.deletingLastPathComponent().appendingPathComponent("mirrors").path
        let pass = HubPass(config: hub, store: store, defaultMirrors: mirrors, sender: ChatSender(notice: say, sendLog: StoreSendLog(store: store)), github: github, notice: say)
        return try await pass.run(asOf: asOf)
    }
}
