import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore

/// `prhub serve`: the report archive, reports as HTML, Markdown and JSON, Atom feeds, health and metrics.
public enum WebApp {
    public typealias Context = BasicRequestContext

    /// The application, ready for `runService()` (graceful shutdown on SIGINT and SIGTERM).
    public static func buildApplication(
        library: ReportService, options: ServerOptions, logger: Logger
    ) -> some ApplicationProtocol {
        let cache = ResponseCache()
        let store = library.store
        let access = options.accessLog ? logger : nil
        let tokens = ChangeTokenClock { store.changeToken() }
        return Application(
            router: buildRouter(library: library, options: options, cache: cache),
            server: .http1(additionalChannelHandlers: [
                CachedPageHandler(lookup: { cache.fresh(target: $0, token: tokens.current()) }, logger: access)
            ]),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "PRHub"),
            logger: logger)
    }

    public static func buildRouter(library: ReportService, options: ServerOptions) -> Router<Context> {
        buildRouter(library: library, options: options, cache: ResponseCache())
    }

    static func buildRouter(library: ReportService, options: ServerOptions, cache: ResponseCache) -> Router<Context> {
        let router = Router(context: Context.self)
        let pages = Pages(library: library, options: options, cache: cache)
        if options.accessLog { router.add(middleware: LogRequestsMiddleware(.info)) }
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())

        router.get("/healthz") { _, _ in await pages.health() }
        router.get("/metrics") { _, _ in await pages.metrics() }
        router.get("/hub") { request, _ in try await pages.hub(request) }
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/", method: method) { request, _ in try await pages.index(request) }
            router.on("/:owner/:repo", method: method) { request, context in
                try await pages.archive(request, owner: context.parameters.get("owner"), repo: context.parameters.get("repo"))
            }
            router.on("/:owner/:repo/feed.xml", method: method) { request, context in
                try await pages.feed(request, owner: context.parameters.get("owner"), repo: context.parameters.get("repo"))
            }
            router.on("/:owner/:repo/reports/:slug", method: method) { request, context in
                try await pages.report(
                    request, owner: context.parameters.get("owner"), repo: context.parameters.get("repo"),
                    slug: context.parameters.get("slug"))
            }
        }
        if let token = options.adminToken, !token.isEmpty {
            router.post("/api/repositories/:owner/:repo/ingest") { request, context in
                try await pages.ingest(request, token: token, owner: context.parameters.get("owner"), repo: context.parameters.get("repo"))
            }
            router.post("/api/repositories/:owner/:repo/sync") { request, context in
                try await pages.sync(request, token: token, owner: context.parameters.get("owner"), repo: context.parameters.get("repo"))
            }
        }
        return router
    }
}

extension Response {
    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Headers every response carries: a strict CSP (pages have no script and load nothing), no sniffing,
/// no referrer, no framing.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = HTMLPage.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HeaderNames.referrerPolicy] = "no-referrer"
        response.headers[HeaderNames.frameOptions] = "DENY"
        return response
    }
}

/// Header names HTTPTypes does not predefine, parsed once.
enum HeaderNames {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    /// `hit` on responses the event-loop fast path served from the page cache.
    static let cache = HTTPField.Name("X-PRHub-Cache")!
}
