import Foundation
import HTTPTypes
import Logging
import Metrics
import NIOCore
import NIOHTTPTypes
import PRHubReport

/// Answers requests for pages already rendered and still fresh straight from the event loop, before the
/// router: no task, no middleware chain, no parsing — one dictionary lookup and two `stat` calls. Everything
/// else (a first request, a stale page, any other route, a request while an earlier one on the same
/// connection is still with the router) goes on to Hummingbird unchanged.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let lookup: @Sendable (String) -> ResponseCache.Page?
    private let logger: Logger?
    /// Requests handed to the router whose responses have not ended: answering a later one here first
    /// would reorder responses on a pipelined connection.
    private var withRouter = 0
    /// The request being read was answered here: its remaining parts are dropped.
    private var answered = false

    static let served = Counter(label: "prhub_fast_path_responses_total")

    init(lookup: @escaping @Sendable (String) -> ResponseCache.Page?, logger: Logger?) {
        self.lookup = lookup
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if withRouter == 0, let response = answer(request) {
                answered = true
                context.write(wrapOutboundOut(.head(response.head)), promise: nil)
                if let body = response.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                Self.served.increment()
                logger?.info("\(request.method.rawValue) \(request.path ?? "") \(response.head.status.code) (cached)")
                return
            }
            answered = false
            withRouter += 1
            context.fireChannelRead(data)
        case .body, .end:
            if answered { return }
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { withRouter = max(0, withRouter - 1) }
        context.write(data, promise: promise)
    }

    private func answer(_ request: HTTPRequest) -> (head: HTTPResponse, body: ByteBuffer?)? {
        guard request.method == .get || request.method == .head, let target = request.path,
            request.headerFields[.connection]?.lowercased() != "close", let page = lookup(target)
        else { return nil }
        var headers = page.fastPathHeaders
        headers[.date] = HTTPDate.now()
        let matches = (request.headerFields[.ifNoneMatch] ?? "").split(separator: ",")
            .contains { $0.trimmingCharacters(in: .whitespaces) == page.etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
        if matches { return (HTTPResponse(status: .notModified, headerFields: headers), nil) }
        headers[.contentLength] = String(page.body.readableBytes)
        return (HTTPResponse(status: .ok, headerFields: headers), request.method == .head ? nil : page.body)
    }
}

extension CachedPageHandler {
    /// The headers every fast-path answer for `page` carries but `Date` and `Content-Length`.
    static func headers(for page: ResponseCache.Page) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = page.contentType
        headers[.eTag] = page.etag
        headers[.cacheControl] = "no-cache"
        headers[.contentSecurityPolicy] = HTMLPage.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HeaderNames.referrerPolicy] = "no-referrer"
        headers[HeaderNames.frameOptions] = "DENY"
        headers[.server] = "PRHub"
        headers[HeaderNames.cache] = "hit"
        return headers
    }
}

/// The `Date` header value (IMF-fixdate), formatted once a second.
final class HTTPDate: @unchecked Sendable {  // Safe: `second` and `text` are only touched under `lock`.
    private static let shared = HTTPDate()
    private let lock = NSLock()
    private var second = 0
    private var text = ""
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String { shared.value(time(nil)) }

    private func value(_ now: Int) -> String {
        lock.withLock {
            if second == now { return text }
            var seconds = now
            var parts = tm()
            gmtime_r(&seconds, &parts)
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            text = "\(Self.days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(Self.months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
            second = now
            return text
        }
    }
}
