import Foundation

/// What a chat service's reply means: delivered, try again (after a wait), or refused for good.
enum ChannelReply: Equatable {
    case delivered
    case retry(after: Double?, reason: String)
    case refused(String)

    /// `retryAfter`: the `Retry-After` header, in seconds, when the reply had one.
    static func read(_ channel: ChatChannel, status: Int, body: Data, retryAfter: Double?) -> ChannelReply {
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        if status == 429 {
            // Discord says how long in the body (seconds, fractional).
            let wait = retryAfter ?? (json?["retry_after"] as? Double) ?? (json?["retry_after"] as? Int).map(Double.init)
            return .retry(after: wait, reason: "rate limited (HTTP 429)")
        }
        if status >= 500 { return .retry(after: retryAfter, reason: "HTTP \(status)") }
        switch channel {
        case .feishu, .lark:
            let code = (json?["code"] as? Int) ?? (json?["StatusCode"] as? Int) ?? (status == 200 ? 0 : status)
            let message = (json?["msg"] as? String) ?? (json?["StatusMessage"] as? String) ?? text
            switch code {
            case 0: return .delivered
            case 11232: return .retry(after: 60, reason: "Feishu's frequency limit (11232)")
            case 19021: return .refused("the signature was refused (19021): the secret is wrong, or this machine's clock is more than an hour off")
            case 19024: return .refused("the bot's security settings refused the message (19024): a keyword or IP allowlist does not match")
            case 19001: return .refused("the webhook address is not valid (19001)")
            case 9499: return .refused("Feishu found the request malformed (9499): \(message)")
            default: return .refused("Feishu answered code \(code): \(message)")
            }
        case .dingtalk, .wecom:
            let code = (json?["errcode"] as? Int) ?? (status == 200 ? 0 : status)
            let message = (json?["errmsg"] as? String) ?? text
            switch code {
            case 0: return .delivered
            case 130101, 45009: return .retry(after: 60, reason: "the robot's rate limit (\(code))")
            case 310000: return .refused("the robot's security settings refused the message (310000): signature, keyword or IP allowlist")
            case 300001, 93000: return .refused("the webhook token is not valid (\(code))")
            case 40058: return .refused("the message is too long for WeCom (40058)")
            default: return .refused("the robot answered \(code): \(message)")
            }
        case .slack:
            return status == 200 ? .delivered : .refused("Slack answered HTTP \(status): \(text)")
        case .discord, .teams, .webhook, .email:
            return (200..<300).contains(status) ? .delivered : .refused("HTTP \(status): \(text)")
        }
    }
}
