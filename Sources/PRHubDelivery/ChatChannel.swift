import Foundation
import PRHubModel

/// The chat services PRHub delivers to. Each has one serialiser of the week's message (its markup, its
/// escaping, its size limit) and its own reading of the service's reply.
public enum ChatChannel: String, Sendable, CaseIterable, Codable {
    case feishu, lark, dingtalk, wecom, slack, discord, teams, webhook
    /// Email over SMTP: not a JSON webhook; the sender writes a MIME message (`EmailMessage`) instead.
    case email

    /// The channels reached by an HTTP POST of JSON (every one but email).
    public static var webhooks: [ChatChannel] { allCases.filter { $0 != .email } }

    /// The request body for a message: the message shortened by `WeekMessage.shortened` until the body fits
    /// the service's limit, so markup is never cut. Nil when even the shortest message does not fit.
    public func body(_ message: WeekMessage) -> Data? {
        var current: WeekMessage? = message
        while let candidate = current {
            if let data = try? JSONSerialization.data(withJSONObject: payload(candidate), options: [.sortedKeys, .withoutEscapingSlashes]),
                fits(data, candidate)
            {
                return data
            }
            current = candidate.shortened()
        }
        return nil
    }

    func payload(_ message: WeekMessage) -> [String: Any] {
        switch self {
        case .feishu, .lark: FeishuCard.payload(message)
        case .dingtalk: DingTalkMarkdown.payload(message)
        case .wecom: WeComMarkdown.payload(message)
        case .slack: SlackBlocks.payload(message)
        case .discord: DiscordMessage.payload(message)
        case .teams: TeamsCard.payload(message)
        case .webhook, .email: JSONWebhook.payload(message)
        }
    }

    /// The documented limits: Feishu 20 KB of body; WeCom 4,096 bytes of content; DingTalk (undocumented
    /// beyond 20 KB of body) kept under the same 20 KB; Slack 3,000 characters per section; Discord 2,000 of
    /// content and 6,000 across embeds (4,096 in a description); Teams 28 KB of card.
    func fits(_ body: Data, _ message: WeekMessage) -> Bool {
        switch self {
        case .feishu, .lark, .dingtalk: body.count <= 20_000
        case .wecom: WeComMarkdown.content(message).utf8.count <= 4_096
        case .slack: SlackBlocks.sections(message).allSatisfy { $0.count <= 3_000 } && body.count <= 40_000
        case .discord: DiscordMessage.fits(message)
        case .teams: body.count <= 28_000
        case .webhook, .email: body.count <= 1_000_000
        }
    }

    /// At most `count` messages per `seconds` to one target: the services' documented rate limits.
    var rateLimits: [RateLimit] {
        switch self {
        case .feishu, .lark: [RateLimit(count: 5, seconds: 1), RateLimit(count: 100, seconds: 60)]
        case .dingtalk, .wecom: [RateLimit(count: 20, seconds: 60)]
        case .slack: [RateLimit(count: 1, seconds: 1)]
        case .discord: [RateLimit(count: 5, seconds: 2)]
        case .teams: [RateLimit(count: 4, seconds: 1)]
        case .webhook, .email: [RateLimit(count: 10, seconds: 1)]
        }
    }
}
