import ArgumentParser
import Foundation
import PRHubGit
import PRHubLLM
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore

struct ReportCommand: AsyncParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the weekly report of one repository.",
        discussion: """
            With --git, the clone is ingested first (incrementally), then reported on. Without it, the report
            uses what the store already holds for OWNER/NAME: history ingested earlier (its clone, if still
            there, supplies the diff text) and pull requests synced from GitHub with 'prhub sync'.

            The period is an ISO week (--week 2026-W14, or --week last for the last complete week) or
            --since/--until dates (inclusive), counted in --tz (IANA name like Asia/Shanghai, or +08:00).
            A PR belongs to the period of its merge time.
            """
    )

    @Argument(help: ArgumentHelp("Repository OWNER/NAME (same as --repo).", valueName: "OWNER/NAME"))
    var positionalRepo: String?

    @Option(name: .long, help: ArgumentHelp("Local clone to ingest and read.", valueName: "DIR"))
    var git: String?

    @Option(name: .long, help: ArgumentHelp("GitHub OWNER/NAME (default: from the clone's origin remote).", valueName: "OWNER/NAME"))
    var repo: String?

    @Option(name: .long, help: ArgumentHelp("ISO week such as 2026-W14, or 'last'.", valueName: "WEEK"))
    var week: String?

    @Option(name: .long, help: ArgumentHelp("First day, YYYY-MM-DD (instead of --week).", valueName: "DATE"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Last day, YYYY-MM-DD, inclusive.", valueName: "DATE"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Time zone the week is counted in.", valueName: "ZONE"))
    var tz: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("Report language: zh or en.", valueName: "LANG"))
    var lang: String = "zh"

    @Option(name: .long, help: ArgumentHelp("Output format: md, json (the digest) or html (one self-contained page).", valueName: "FORMAT"))
    var format: String = "md"

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "FILE"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Website the report links to.", valueName: "URL"))
    var baseURL: String = "http://127.0.0.1:8080"

    @Option(name: .long, help: ArgumentHelp("Repository profile (YAML); default: .prhub.yml, a preset or inferred.", valueName: "FILE"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Who writes the prose: template (default) or llm.", valueName: "WRITER"))
    var writer: String = "template"

    @Option(name: .long, help: ArgumentHelp("OpenAI-compatible endpoint for --writer llm, e.g. http://127.0.0.1:8000/v1 (key from PRHUB_LLM_API_KEY or OPENAI_API_KEY).", valueName: "URL"))
    var llmURL: String?

    @Option(name: .long, help: ArgumentHelp("Model name for --writer llm.", valueName: "MODEL"))
    var llmModel: String?

    @Option(name: .long, help: ArgumentHelp("Calls to the model at once for --writer llm (default: the profile's llm.concurrency, else 2).", valueName: "N"))
    var llmConcurrency: Int?

    @Option(name: .long, help: ArgumentHelp("Completion tokens the model may spend on this report; sections past it are written by the template writer.", valueName: "TOKENS"))
    var llmBudget: Int?

    @Option(name: .long, help: ArgumentHelp("PRs the model reads one by one (a verified analysis each, cached): highlights (default), all or none.", valueName: "SCOPE"))
    var llmAnalyses: String = "highlights"

    @Option(name: .long, help: ArgumentHelp("Seconds without a token before a model request is dropped (default 30; the first token may take 120).", valueName: "SECONDS"))
    var llmIdleTimeout: Double = 30

    @Flag(name: .long, help: "Print where the time went (load, diff reading, analysis, render; with --writer llm calls, tokens and cache hits) on stderr.")
    var timing = false

    @OptionGroup var store: StoreOptions

    func run() async throws { try await runAsync() }

    func runAsync() async throws {
        if positionalRepo != nil && repo != nil && positionalRepo != repo {
            throw PRHubError(.invalidArgument, "the repository was given twice with different names")
        }
        guard let language = Language(rawValue: lang) else {
            throw PRHubError(.invalidArgument, "--lang must be zh or en, got '\(lang.prefix(20))'")
        }
        guard let format = ReportRequest.Format(rawValue: format) else {
            throw PRHubError(.invalidArgument, "--format must be md, json or html, got '\(format.prefix(20))'")
        }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw PRHubError(.invalidArgument, "--base-url must start with http:// or https://")
        }
        let zone = try ReportTimeZone(tz)
        let period = try PeriodArguments.period(week: week, since: since, until: until, zone: zone)
        let repository = try git.map(GitRepository.init(path:))
        let name = try RepositoryResolver.name(explicit: repo ?? positionalRepo, repository: repository)
        let opened = try Store.open(store.db)
        // The clone's `.prhub.yml` is read once, for the diff filter of the ingest and for the report.
        let declaredByClone = try repository.map { try ProfileResolver.declared(file: profile, repository: $0, name: name) }
        if let repository, let declaredByClone {
            let wantsDiff = ProfileResolver.diffFilter(declared: declaredByClone)
            let result = try Ingestion(store: opened, repository: repository, name: name, wantsDiff: wantsDiff).run(progress: Progress.line)
            Progress.finish(notices: result.notices)
        } else if try opened.changeCount(name) == 0 {
            throw PRHubError(.invalidArgument, "the store '\(PostgresLocation.shown(store.db))' holds nothing for \(name); pass --git DIR or run 'prhub ingest' first")
        }
        // Without --git, the clone the store was last ingested from (if it is still there) supplies the diff text.
        let clone = try repository ?? opened.gitPath(name).flatMap { try? GitRepository(path: $0) }
        var request = ReportRequest(repository: name, period: period, language: language, format: format, baseURL: baseURL)
        request.htmlLinks = .absolute(baseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)
        // With --git the profile declared is the one read above (even when none was); else the stored clone's.
        let declared = try declaredByClone ?? ProfileResolver.declared(file: profile, repository: clone, name: name)
        let chosen = try ProfileResolver.resolve(declared: declared, name: name, store: opened)
        let generator = ReportGenerator(store: opened, repository: clone, profile: chosen)
        var timings = ReportGenerator.Timings()
        let text: String
        if let llm = try llmOptions(defaults: chosen.llm) {
            let digest = try await generator.digest(request, llm: llm) { warning in
                StandardStreams.err((warning + "\n"))
            }
            text = try generator.render(digest, request)
            if timing, let writer = digest.writer {
                let outcomes = [WriterReport.Outcome.Status.written, .rejected, .timedOut, .serverError, .overBudget]
                    .map { "\(writer.count($0)) \($0.rawValue)" }.joined(separator: ", ")
                StandardStreams.err(String(
                    format: "timing: model %.1f s · %d calls · %d prompt + %d completion tokens · %d cache hits · sections: %@\n",
                    writer.seconds, writer.calls, writer.promptTokens, writer.completionTokens, writer.cacheHits, outcomes))
            }
        } else {
            text = try generator.render(request, timings: &timings)
            if timing { StandardStreams.err("timing: \(timings.summary)\n") }
        }
        if let out {
            try OutputFile.write(text, to: out)
        } else {
            try StandardStreams.out(text)
        }
    }
}

extension ReportCommand {
    /// The language model for `--writer llm`, or nil for the template writer.
    /// Flags win over the profile's `llm:` settings; the API key only comes from the environment.
    func llmOptions(defaults: RepositoryProfile.LLMSettings?) throws -> LLMOptions? {
        switch writer {
        case "template": return nil
        case "llm":
            guard let url = llmURL ?? defaults?.url, url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw PRHubError(.invalidArgument, "--writer llm needs --llm-url http(s)://HOST/v1 (or llm.url in the profile)")
            }
            guard let model = llmModel ?? defaults?.model, !model.isEmpty else {
                throw PRHubError(.invalidArgument, "--writer llm needs --llm-model NAME (or llm.model in the profile)")
            }
            let environment = ProcessInfo.processInfo.environment
            let key = environment["PRHUB_LLM_API_KEY"] ?? environment["OPENAI_API_KEY"]
            guard llmIdleTimeout > 0, llmIdleTimeout <= 3_600 else { throw PRHubError(.invalidArgument, "--llm-idle-timeout must be between 0 and 3600 seconds") }
            if let llmBudget, llmBudget < 1 { throw PRHubError(.invalidArgument, "--llm-budget must be a positive number of tokens") }
            var options = LLMOptions(
                model: OpenAICompatibleModel(baseURL: url, model: model, apiKey: key, idleTimeoutSeconds: llmIdleTimeout),
                concurrency: max(1, min(16, llmConcurrency ?? defaults?.concurrency ?? 2)))
            options.tokenBudget = llmBudget
            guard let scope = LLMWriter.AnalysisScope(rawValue: llmAnalyses) else {
                throw PRHubError(.invalidArgument, "--llm-analyses must be highlights, all or none")
            }
            options.analyses = scope
            return options
        default:
            throw PRHubError(.invalidArgument, "--writer must be template or llm, got '\(writer.prefix(20))'")
        }
    }
}

/// Turns --week / --since / --until into a period.
enum PeriodArguments {
    static func period(week: String?, since: String?, until: String?, zone: ReportTimeZone, now: Date = Date()) throws -> Period {
        switch (week, since, until) {
        case (let week?, nil, nil):
            if week == "last" { return Period.lastCompleteWeek(now: now, zone: zone) }
            return Period(week: try ISOWeek(week), zone: zone)
        case (nil, let since?, let until?):
            return try Period(since: try date(since, "--since"), until: try date(until, "--until"), zone: zone)
        case (nil, let since?, nil):
            return try Period(since: try date(since, "--since"), until: zone.localDate(of: now), zone: zone)
        case (nil, nil, nil):
            throw PRHubError(.invalidArgument, "give the period with --week 2026-W14, --week last or --since/--until")
        case (nil, nil, _?):
            throw PRHubError(.invalidArgument, "--until needs --since: give the first day too (--since 2026-03-30 --until 2026-04-05)")
        default:
            throw PRHubError(.invalidArgument, "use either --week or --since/--until, not both")
        }
    }

    static func date(_ text: String, _ option: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else {
            throw PRHubError(.invalidDate, "\(option) must be a date like 2026-03-30, got '\(text.prefix(40))'")
        }
        return date
    }
}
