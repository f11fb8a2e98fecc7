import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubServer
import PRHubStore
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the report archive, reports (HTML, Markdown, JSON), Atom feeds and metrics.",
        discussion: """
            Reports are generated from the store on first request and cached until new data for their week
            is ingested. Pages: /, /OWNER/NAME, /OWNER/NAME/reports/START-to-END[.md|.json], ?lang=en|zh,
            /OWNER/NAME/feed.xml, /healthz, /metrics. With PRHUB_ADMIN_TOKEN set, POST
            /api/repositories/OWNER/NAME/ingest re-reads a repository's clone and POST
            /api/repositories/OWNER/NAME/sync?week=2026-W14 (or ?since=&until=) fetches a window from GitHub
            with the server's GITHUB_TOKEN (bearer token required for both).
            With --config FILE the server is also the hub: it runs the pass of `prhub run` on the config's
            schedule (at once on start when a scheduled pass was missed while it was down), takes its time
            zone, base URL and first language from the config, and shows the ledger and next run at /hub
            and in /metrics.
            Stops gracefully on SIGINT or SIGTERM.
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("Time zone weeks are counted in.", valueName: "ZONE"))
    var tz: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("Language when a request does not ask: zh or en.", valueName: "LANG"))
    var lang: String = "zh"

    @Option(name: .long, help: ArgumentHelp("Public address of the site, for feeds and report links.", valueName: "URL"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("GitHub API root for the sync route; Enterprise: https://HOST/api/v3.", valueName: "URL"))
    var apiURL: String = "https://api.github.com"

    @Option(name: .long, help: ArgumentHelp("A hub config (YAML): run its pass on its schedule.", valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Do not log one line per request.")
    var noAccessLog = false

    @OptionGroup var store: StoreOptions

    func run() async throws { try await runAsync() }

    func runAsync() async throws {
        guard (1...65535).contains(port) else { throw PRHubError(.invalidArgument, "--port must be between 1 and 65535") }
        guard var language = Language(rawValue: lang) else {
            throw PRHubError(.invalidArgument, "--lang must be zh or en, got '\(lang.prefix(20))'")
        }
        let hub = try config.map { try HubConfig.load(path: $0) }
        let zone = try hub?.zone ?? ReportTimeZone(tz)
        if let first = hub?.languages.first { language = first }
        let opened = try Store.open(store.db)
        let base = baseURL ?? hub?.baseURL ?? "http://\(host):\(port)"
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw PRHubError(.invalidArgument, "--base-url must start with http:// or https://")
        }
        MetricsSystem.bootstrap(PrometheusMetrics.shared)
        var logger = Logger(label: "prhub.server")
        logger.logLevel = .info
        let token = ProcessInfo.processInfo.environment["PRHUB_ADMIN_TOKEN"]
        var options = ServerOptions(
            host: host, port: port, defaultLanguage: language, adminToken: token, accessLog: !noAccessLog,
            githubToken: token == nil ? nil : GitHubToken.find(), githubAPI: apiURL)
        let status = HubStatus()
        if hub != nil { options.hub = status }
        let app = WebApp.buildApplication(library: ReportService(store: opened, zone: zone, baseURL: base), options: options, logger: logger)
        guard let hub else {
            try await app.runService()
            return
        }
        let path = store.db
        let scheduler = HubScheduler(schedule: hub.schedule, zone: hub.zone, store: opened, status: status, logger: logger) { asOf in
            try await HubRunner.pass(hub, store: opened, storePath: path, asOf: asOf)
        }
        try await ServiceGroup(services: [app, scheduler], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger).run()
    }
}
