import Foundation
import HTTPTypes
import Hummingbird
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore

/// The handlers behind the routes: validate the path, fetch from the library, render, cache, answer.
struct Pages: Sendable {
    let library: ReportService
    let options: ServerOptions
    let cache: ResponseCache

    // MARK: - Pages

    func index(_ request: Request) async throws -> Response {
        let language = self.language(request)
        let rows = try await library.indexRows()
        let version = rows.map { "\($0.name):\($0.latestSlug ?? "")-\($0.weeklyCounts.reduce(0, +))" }.joined(separator: ",")
        let page = await cache.page("index|\(language.rawValue)", version: version) {
            (SitePages.index(rows, language: language), "text/html; charset=utf-8")
        }
        return respond(request, page)
    }

    func archive(_ request: Request, owner: String?, repo: String?) async throws -> Response {
        let language = self.language(request)
        guard let name = repositoryName(owner, repo), try await library.repositories().contains(name) else {
            return notFound(request, repo: nil, weeks: [])
        }
        let weeks = try await library.weeks(name)
        let version = "\(weeks.count)-\(weeks.reduce(0) { $0 + $1.prCount })-\(weeks.first?.slug ?? "")"
        let page = try await cache.page("archive|\(name)|\(language.rawValue)", version: version) {
            (SitePages.archive(repo: name.description, weeks: try await library.archiveRows(name), language: language), "text/html; charset=utf-8")
        }
        return respond(request, page)
    }

    func feed(_ request: Request, owner: String?, repo: String?) async throws -> Response {
        let language = self.language(request)
        guard let name = repositoryName(owner, repo), try await library.repositories().contains(name) else {
            return notFound(request, repo: nil, weeks: [])
        }
        let weeks = Array(try await library.weeks(name).prefix(30))
        let version = weeks.map { "\($0.slug):\($0.prCount)" }.joined(separator: ",")
        let page = try await cache.page("feed|\(name)|\(language.rawValue)", version: version) {
            (try await library.feed(name, language: language), "application/atom+xml; charset=utf-8")
        }
        return respond(request, page)
    }

    func report(_ request: Request, owner: String?, repo: String?, slug rawSlug: String?) async throws -> Response {
        guard let name = repositoryName(owner, repo) else { return badRequest("not a repository name") }
        guard let rawSlug, let (slug, format, named) = ReportPath.parse(rawSlug) else { return badRequest("not a report address") }
        let language = named ?? self.language(request)
        guard let period = ReportPath.period(slug, zone: library.zone) else { return badRequest("not an ISO week") }
        // The fingerprint is one indexed query; the week list is only built for the 404 page.
        let store = library.store
        let token = store.changeToken()
        let pageKey = "report|\(name)|\(period.slug)|\(language.rawValue)|\(format)"
        if let page = cache.fresh(pageKey, versionKey: "\(name)|\(period.slug)", token: token) {
            return respond(request, page)
        }
        let version = try cache.version("\(name)|\(period.slug)", token: token) {
            try store.version(name, from: period.startInstant, to: period.endInstant)
        }
        guard !version.hasPrefix("0-") else {
            let weeks = try await library.repositories().contains(name) ? try await library.weeks(name) : []
            return notFound(request, repo: name.description, weeks: weeks.map { ($0.week.description, $0.slug) })
        }
        // Next time this exact target can be answered on the event loop (see `CachedPageHandler`).
        cache.remember(target: request.uri.description, pageKey: pageKey, versionKey: "\(name)|\(period.slug)")
        let page = try await cache.page(pageKey, version: version) {
            (try await library.report(name, period: period, language: language, format: format), ReportFormats.contentType(format))
        }
        return respond(request, page)
    }

    /// `ok` only when the store answers: a damaged or vanished store makes the server unhealthy (503).
    func health() async -> Response {
        do {
            try library.store.check()
            return .text("ok\n", type: "text/plain; charset=utf-8")
        } catch {
            let reason = (error as? PRHubError)?.message ?? String(describing: error)
            return .text("store unreadable: \(TerminalText.oneLine(reason))\n", type: "text/plain; charset=utf-8", status: .serviceUnavailable)
        }
    }

    func metrics() async -> Response {
        let hits = cache.hits
        let misses = cache.misses
        var extra: [(name: String, value: Int)] = [("prhub_cache_hits", hits), ("prhub_cache_misses", misses)]
        if let hub = options.hub {
            extra.append(("prhub_hub_next_run_timestamp_seconds", Int(hub.nextRun?.timeIntervalSince1970 ?? 0)))
            extra.append(("prhub_hub_running", hub.isRunning ? 1 : 0))
            extra.append(("prhub_hub_last_pass_failed_repositories", hub.lastPass?.failed ?? 0))
            let counts = (try? library.store.deliveryCounts()) ?? [:]
            for state in [Store.DeliveryRecord.State.sent, .sending, .failed] {
                extra.append(("prhub_hub_deliveries_\(state.rawValue)", counts[state] ?? 0))
            }
            let jobs = (try? library.store.jobCounts()) ?? [:]
            for state in HubJob.State.allCases {
                extra.append(("prhub_hub_jobs_\(state.rawValue)", jobs[state] ?? 0))
            }
        }
        let text = PrometheusMetrics.shared.exposition(extra: extra)
        return .text(text, type: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// The hub's schedule, last pass and ledger (only with `serve --config`).
    func hub(_ request: Request) async throws -> Response {
        guard let hub = options.hub else { return .text("not found\n", type: "text/plain; charset=utf-8", status: .notFound) }
        let language = self.language(request)
        let pick = language.pick
        let zone = library.zone
        var body = "<nav><a href=\"/\">PRHub</a></nav><header><h1>\(pick("周报投递", "Hub"))</h1></header>"
        body += "<p>\(pick("下次运行", "Next run")): \(hub.nextRun.map { HTMLText.escape(zone.iso8601($0)) } ?? "–")"
            + (hub.isRunning ? " · " + pick("正在运行", "running now") : "") + "</p>"
        if let last = hub.lastPass {
            body += "<p>\(pick("上次运行", "Last pass")): \(HTMLText.escape(zone.iso8601(last.at)))</p><ul>"
                + last.lines.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        body += "<table><thead><tr><th>\(pick("仓库", "Repository"))</th><th>\(pick("周", "Week"))</th><th>\(pick("语言", "Language"))</th>"
            + "<th>\(pick("目标", "Target"))</th><th>\(pick("状态", "State"))</th><th>\(pick("尝试", "Attempts"))</th><th>\(pick("错误", "Error"))</th></tr></thead><tbody>"
        for (key, record) in try library.store.deliveries(limit: 500) {
            body += "<tr><td>\(HTMLText.escape(key.repository))</td><td>\(HTMLText.escape(key.week))</td><td>\(HTMLText.escape(key.language))</td>"
                + "<td>\(HTMLText.escape(key.target))</td><td>\(record.state.rawValue)</td><td>\(record.attempts)</td>"
                + "<td>\(HTMLText.escape(record.lastError ?? ""))</td></tr>"
        }
        body += "</tbody></table>"
        // Jobs under way, waiting for a retry, or failed with their last error; every process sharing the store does them.
        let jobs = try library.store.jobs(in: [.running, .queued, .failed], limit: 200)
        body += "<h2>\(pick("任务", "Jobs"))</h2>"
        if jobs.isEmpty {
            body += "<p>\(pick("没有未完成或失败的任务。", "No job is waiting, running or failed."))</p>"
        } else {
            body += "<table><thead><tr><th>\(pick("任务", "Job"))</th><th>\(pick("仓库", "Repository"))</th><th>\(pick("周", "Week"))</th>"
                + "<th>\(pick("语言", "Language"))</th><th>\(pick("目标", "Target"))</th><th>\(pick("状态", "State"))</th>"
                + "<th>\(pick("进程", "Process"))</th><th>\(pick("尝试", "Attempts"))</th><th>\(pick("错误", "Error"))</th></tr></thead><tbody>"
            for job in jobs {
                body += "<tr><td>\(job.key.kind.rawValue)</td><td>\(HTMLText.escape(job.key.repository))</td><td>\(HTMLText.escape(job.key.week))</td>"
                    + "<td>\(HTMLText.escape(job.key.language))</td><td>\(HTMLText.escape(job.key.target))</td><td>\(job.state.rawValue)</td>"
                    + "<td>\(HTMLText.escape(job.owner ?? ""))</td><td>\(job.attempts)</td><td>\(HTMLText.escape(job.lastError ?? ""))</td></tr>"
            }
            body += "</tbody></table>"
        }
        return .text(HTMLPage.wrap(title: "Hub · PRHub", language: language, body: body), type: "text/html; charset=utf-8")
    }

    /// Re-reads a repository's clone (the one it was ingested from). Only exists with a bearer token.
    func ingest(_ request: Request, token: String, owner: String?, repo: String?) async throws -> Response {
        let given = request.headers[.authorization] ?? ""
        guard Self.constantTimeEqual(given, "Bearer \(token)") else {
            return .text("{\"error\":\"unauthorized\"}\n", type: "application/json", status: .unauthorized)
        }
        guard let name = repositoryName(owner, repo) else { return badRequest("not a repository name") }
        let store = library.store
        guard let path = try store.gitPath(name), let git = try? GitRepository(path: path) else {
            return .text("{\"error\":\"no clone recorded for this repository\"}\n", type: "application/json", status: .notFound)
        }
        let wantsDiff = try ProfileResolver.diffFilter(file: nil, repository: git, name: name)
        let result = try Ingestion(store: store, repository: git, name: name, wantsDiff: wantsDiff).run()
        struct Reply: Encodable { var pullRequests: Int, directCommits: Int, notices: [String] }
        let reply = Reply(
            pullRequests: result.added.pullRequests, directCommits: result.added.directCommits, notices: result.notices.map(\.message))
        return .text(String(decoding: try JSONEncoder().encode(reply), as: UTF8.self) + "\n", type: "application/json")
    }

    // MARK: - Helpers

    func language(_ request: Request) -> Language {
        request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) ?? options.defaultLanguage
    }

    func repositoryName(_ owner: String?, _ repo: String?) -> RepositoryName? {
        guard let owner, let repo else { return nil }
        return try? RepositoryName("\(owner)/\(repo)")
    }

    /// 200 with the page, or 304 when the client already has it; HEAD gets the headers only.
    func respond(_ request: Request, _ page: ResponseCache.Page) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = page.contentType
        headers[.eTag] = page.etag
        headers[.cacheControl] = "no-cache"
        let matches = (request.headers[.ifNoneMatch] ?? "").split(separator: ",")
            .contains { $0.trimmingCharacters(in: .whitespaces) == page.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        if matches { return Response(status: .notModified, headers: headers) }
        headers[.contentLength] = String(page.body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: page.body))
    }

    func notFound(_ request: Request, repo: String?, weeks: [(week: String, slug: String)]) -> Response {
        .text(SitePages.notFound(repo: repo, weeks: weeks, language: language(request)), type: "text/html; charset=utf-8",
            status: .notFound)
    }

    func badRequest(_ reason: String) -> Response {
        .text("bad request: \(reason)\n", type: "text/plain; charset=utf-8", status: .badRequest)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = x.count ^ y.count
        for index in 0..<max(x.count, y.count) {
            difference |= Int((index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0))
        }
        return difference == 0
    }
}
