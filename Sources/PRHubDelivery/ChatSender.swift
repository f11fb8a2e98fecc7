import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PRHubModel

/// Sends week messages to chat webhooks: signs them, keeps each target within its service's rate limits,
/// retries 429s, 5xx and broken connections with backoff (honouring `Retry-After`), and turns every other
/// reply into one clear error. Targets are named by their id in every message; URLs and secrets never are.
public actor ChatSender {
    private let http: HTTPClient
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Double) async throws -> Void
    private let notice: @Sendable (String) -> Void
    /// When each target's last messages went out, for its rate limits (unless `sendLog` keeps them).
    private var sent: [String: [Date]] = [:]
    /// The times of sends shared with other processes, when there are any.
    private let sendLog: (any SendLog)?
    static let attempts = 5
    /// No wait asked for by a service is slept through past this; the delivery is retried on the next pass.
    static let longestWait: Double = 300

    public init(
        http: HTTPClient = .shared, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) },
        notice: @escaping @Sendable (String) -> Void = { _ in }, sendLog: (any SendLog)? = nil
    ) {
        self.sendLog = sendLog
        self.http = http
        self.now = now
        self.sleep = sleep
        self.notice = notice
    }

    /// Sends one message; throws `DeliveryError` when the service refused it or kept failing.
    public func send(_ message: WeekMessage, to target: DeliveryTarget) async throws {
        if target.channel == .email {
            guard let url = URL(string: target.url), let from = target.from, !target.to.isEmpty else {
                throw DeliveryError("\(target.id): an email target needs an smtp:// address, from and to")
            }
            let data = EmailMessage.mime(message, from: from, to: target.to, date: now())
            return try await retrying(target) { try await Self.mail(data, url: url, from: from, to: target.to) }
        }
        guard let body = target.channel.body(message) else {
            throw DeliveryError("\(target.id): the message does not fit \(target.channel.rawValue)'s limits even shortened")
        }
        try await retrying(target) {
            if target.channel == .feishu || target.channel == .lark { try await self.avoidTheHalfHour() }
            let (url, signedBody) = try self.signed(body, for: target)
            return try await self.post(url, body: signedBody, channel: target.channel)
        }
    }

    /// Makes attempts within the target's rate limits until one is delivered or refused: a retry waits
    /// what the service asked for, else 1, 2, 4 … seconds (never past `longestWait`), at most `attempts`
    /// times. An error an attempt throws (no answer) is retried like a 5xx.
    private func retrying(_ target: DeliveryTarget, _ attempt: () async throws -> ChannelReply) async throws {
        var failures = 0
        while true {
            try await waitForRateLimits(target)
            let reply: ChannelReply
            do {
                reply = try await attempt()
            } catch let error as DeliveryError {
                throw error
            } catch {
                reply = .retry(after: nil, reason: "no answer (\(String(describing: error).prefix(120)))")
            }
            switch reply {
            case .delivered:
                return
            case .refused(let reason):
                throw DeliveryError("\(target.id): \(clean(reason, target))")
            case .retry(let after, let reason):
                failures += 1
                let wait = min(after ?? pow(2, Double(failures - 1)), Self.longestWait)
                guard failures < Self.attempts else {
                    throw DeliveryError("\(target.id): \(clean(reason, target)) after \(failures) attempts")
                }
                notice("\(target.id): \(clean(reason, target)); retrying in \(Int(wait.rounded(.up)))s")
                try await sleep(wait)
            }
        }
    }

    /// One SMTP delivery as a reply: a 5xx is a refusal, a 4xx or no connection a retry.
    private static func mail(_ data: String, url: URL, from: String, to: [String]) async throws -> ChannelReply {
        do {
            try await blocking { try SMTPClient(url: url, timeout: 30).send(from: from, to: to, data: data) }
            return .delivered
        } catch SMTPClient.Failure.permanent(let reason) {
            return .refused(reason)
        } catch SMTPClient.Failure.temporary(let reason) {
            return .retry(after: nil, reason: reason)
        }
    }

    /// Blocking socket work, off the cooperative threads.
    private static func blocking(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The address and body as the service wants them signed.
    func signed(_ body: Data, for target: DeliveryTarget) throws -> (String, Data) {
        guard let secret = target.secret, !secret.isEmpty else { return (target.url, body) }
        switch target.channel {
        case .feishu, .lark:
            let timestamp = Int(now().timeIntervalSince1970)
            guard var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { return (target.url, body) }
            object["timestamp"] = String(timestamp)
            object["sign"] = WebhookSignature.feishu(secret: secret, timestamp: timestamp)
            return (target.url, try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        case .dingtalk:
            let timestamp = Int(now().timeIntervalSince1970 * 1000)
            let sign = WebhookSignature.queryEncoded(WebhookSignature.dingTalk(secret: secret, timestamp: timestamp))
            let separator = target.url.contains("?") ? "&" : "?"
            return (target.url + "\(separator)timestamp=\(timestamp)&sign=\(sign)", body)
        default:
            return (target.url, body)
        }
    }

    private func post(_ url: String, body: Data, channel: ChatChannel) async throws -> ChannelReply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "prhub")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let retryAfter = response.headers.first(name: "retry-after").flatMap(Double.init)
        // Discord says when its bucket is empty: the next message to it waits for the reset.
        if response.headers.first(name: "x-ratelimit-remaining") == "0",
            let reset = response.headers.first(name: "x-ratelimit-reset-after").flatMap(Double.init)
        {
            bucketReset = now().addingTimeInterval(min(reset, Self.longestWait))
        }
        return ChannelReply.read(channel, status: Int(response.status.code), body: Data(bytes.readableBytesView), retryAfter: retryAfter)
    }

    private var bucketReset: Date?

    /// Waits until sending one more message keeps the target within each of its service's windows.
    private func waitForRateLimits(_ target: DeliveryTarget) async throws {
        if let reset = bucketReset, reset > now() {
            try await sleep(reset.timeIntervalSince(now()))
            bucketReset = nil
        }
        if let sendLog {
            while let wait = try sendLog.reserve(target.id, limits: target.channel.rateLimits, at: now()) {
                try await sleep(max(wait, 0.005))
            }
            return
        }
        for limit in target.channel.rateLimits {
            let recent = (sent[target.id] ?? []).filter { now().timeIntervalSince($0) < limit.seconds }
            if recent.count >= limit.count, let oldest = recent.first {
                try await sleep(limit.seconds - now().timeIntervalSince(oldest))
            }
        }
        let keep = target.channel.rateLimits.map(\.seconds).max() ?? 60
        sent[target.id] = (sent[target.id] ?? []).filter { now().timeIntervalSince($0) < keep } + [now()]
    }

    /// Feishu asks bots not to send on the hour and half hour, when every team's bots do (error 11232).
    private func avoidTheHalfHour() async throws {
        let seconds = Int(now().timeIntervalSince1970) % 1800
        if seconds < 60 { try await sleep(Double(60 - seconds)) }
    }

    /// A service's text as one inert line, with the target's address and secret masked.
    func clean(_ text: String, _ target: DeliveryTarget) -> String {
        var text = text.replacingOccurrences(of: target.url, with: "<\(target.id) url>")
        if let secret = target.secret, secret.count >= 4 { text = text.replacingOccurrences(of: secret, with: "***") }
        return TerminalText.oneLine(text, limit: 300)
    }
}
