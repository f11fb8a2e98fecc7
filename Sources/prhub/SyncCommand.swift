import ArgumentParser
import Foundation
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore

struct SyncCommand: AsyncParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch a repository's merged pull requests from the GitHub API into the store.",
        discussion: """
            Brings labels, files, reviews, review threads, comments and closing issues of every PR merged in
            the window. The token comes from GITHUB_TOKEN, else from `gh auth token`; it is never printed or
            stored. A re-run fetches only PRs updated since the last sync (one request when nothing changed);
            an interrupted sync resumes where it stopped. Data for PRs already ingested from a clone is merged
            into them by PR number.
            """
    )

    @Argument(help: ArgumentHelp("Repository OWNER/NAME.", valueName: "OWNER/NAME"))
    var repository: String

    @Option(name: .long, help: ArgumentHelp("First day, YYYY-MM-DD.", valueName: "DATE"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Last day, YYYY-MM-DD, inclusive (default: today).", valueName: "DATE"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("ISO week such as 2026-W14, or 'last' (instead of --since/--until).", valueName: "WEEK"))
    var week: String?

    @Option(name: .long, help: ArgumentHelp("Time zone the days are counted in.", valueName: "ZONE"))
    var tz: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("API root; GitHub Enterprise: https://HOST/api/v3.", valueName: "URL"))
    var apiURL: String = "https://api.github.com"

    @Flag(name: .long, help: "Also fetch the diff text of dependency manifests and env registries (one REST request per PR touching them), so env-var and dependency risks work without a clone.")
    var diffs = false

    @Option(name: .long, help: ArgumentHelp("Repository profile (YAML) that says which files are manifests and registries.", valueName: "FILE"))
    var profile: String?

    @OptionGroup var store: StoreOptions

    func run() async throws { try await runAsync() }

    func runAsync() async throws {
        let name = try RepositoryName(repository)
        let period = try PeriodArguments.period(week: week, since: since, until: until, zone: try ReportTimeZone(tz))
        let endpoint: GitHubEndpoint
        do { endpoint = try GitHubEndpoint(apiURL) } catch let error as GitHubError { throw PRHubError(.invalidArgument, error.message) }
        guard let token = GitHubToken.find() else {
            throw PRHubError(.invalidArgument, "no GitHub token: set GITHUB_TOKEN or log in with 'gh auth login'")
        }
        let opened = try Store.open(store.db)
        let client = GitHubClient(endpoint: endpoint, token: token) { notice in
            StandardStreams.err((notice + "\n"))
        }
        let result: GitHubSync.Result
        do {
            let filter = try diffs ? GitHubSync.diffFilter(profile: ProfileResolver.resolve(file: profile, repository: nil, name: name, store: opened)) : nil
            result = try await GitHubSync(store: opened, client: client, name: name, diffs: filter)
                .run(since: period.startInstant, until: period.endInstant)
        } catch let error as GitHubError {
            throw PRHubError(.github, error.message)
        }
        let requests = await client.requests
        let points = await client.points
        let left = await client.remaining.map { ", \($0) left" } ?? ""
        let what = result.upToDate
            ? "\(name): up to date (nothing changed on GitHub since the last sync)"
            : "\(name): \(result.pullRequests) pull requests synced (\(result.searches) search pages, \(result.followUps) follow-ups"
                + (result.restFallbacks > 0 ? ", \(result.restFallbacks) REST fallbacks" : "")
                + (result.diffRequests > 0 ? ", \(result.diffRequests) diff requests" : "") + ")"
                + (result.threadsLeftOut > 0 ? "; GitHub could not serve the later review threads of \(result.threadsLeftOut) PRs" : "")
        StandardStreams.err((what + "; \(requests) requests, \(points) GraphQL points\(left)\n"))
    }
}

/// The GitHub token: `GITHUB_TOKEN`, else what `gh auth token` prints.
enum GitHubToken {
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let token = environment["GITHUB_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty { return token }
        return fromGH(environment: environment)
    }

    static func fromGH(environment: [String: String]) -> String? {
        let paths = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let gh = paths.map({ "\($0)/gh" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gh)
        process.arguments = ["auth", "token"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }
}
