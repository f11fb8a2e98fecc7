import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// A real HTTP server on 127.0.0.1 that plays the chat webhooks PRHub delivers to, with the documented
/// request and reply shapes: it checks each service's signature and size limits, answers as the service
/// does (Feishu `{"code":0}`, DingTalk and WeCom `{"errcode":0}`, Slack `ok`, Discord 204, Teams 202), and
/// plays scripted faults. Paths: `/feishu`, `/lark`, `/dingtalk`, `/wecom`, `/slack`, `/discord`, `/teams`,
/// `/webhook`.
public enum FakeChatWebhooks {
    public enum Fault: Sendable {
        /// 429 with `Retry-After: N` (Discord: `retry_after` in the body too).
        case tooManyRequests(retryAfter: Int)
        case serverError
        /// The service's own error reply (Feishu `code`, DingTalk/WeCom `errcode`) with HTTP 200.
        case errorCode(Int, String)
        /// Waits this long before answering.
        case delay(seconds: Double)
    }

    public struct Received: Sendable {
        public var channel: String
        public var body: [String: Any] { (try? JSONSerialization.jsonObject(with: raw)) as? [String: Any] ?? [:] }
        public var raw: Data
        public var query: String
        /// Why the fake refused it (a bad signature, a limit passed), nil when it was accepted.
        public var refusal: String?
        /// The message's text, whatever the channel (for checks on content).
        public var text: String { String(decoding: raw, as: UTF8.self) }
    }

    public actor State {
        public nonisolated let secret: String
        public private(set) var received: [Received] = []
        var faults: [String: [Fault]] = [:]
        public var delay: Double = 0

        public init(secret: String = "s3cret-signing-key") { self.secret = secret }
        public func script(_ channel: String, _ list: [Fault]) { faults[channel, default: []] += list }
        public func setDelay(_ seconds: Double) { delay = seconds }
        func record(_ item: Received) { received.append(item) }
        func nextFault(_ channel: String) -> Fault? {
            guard let first = faults[channel]?.first else { return nil }
            faults[channel]?.removeFirst()
            return first
        }
        public var accepted: [Received] { received.filter { $0.refusal == nil } }
    }

    public static func application(state: State) -> some ApplicationProtocol {
        let router = Router()
        for channel in ["feishu", "lark", "dingtalk", "wecom", "slack", "discord", "teams", "webhook"] {
            router.post("/\(channel)") { request, _ -> Response in
                var request = request
                let body = Data((try await request.collectBody(upTo: 1 << 21)).readableBytesView)
                let query = request.uri.query ?? ""
                let delay = await state.delay
                if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
                if let fault = await state.nextFault(channel) {
                    await state.record(Received(channel: channel, raw: body, query: query, refusal: "fault"))
                    return respond(fault, channel: channel)
                }
                let refusal = check(channel, body: body, query: query, secret: state.secret)
                await state.record(Received(channel: channel, raw: body, query: query, refusal: refusal))
                return reply(channel, refusal: refusal)
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// The service's checks: signature, size, shape. Nil when it would accept the message.
    static func check(_ channel: String, body: Data, query: String, secret: String) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else { return "not JSON" }
        switch channel {
        case "feishu", "lark":
            guard body.count <= 20 * 1024 else { return "body over 20 KB" }
            guard let stamp = object["timestamp"] as? String, let seconds = Int(stamp), let sign = object["sign"] as? String else { return "unsigned" }
            guard abs(Double(seconds) - Date().timeIntervalSince1970) < 3_600 else { return "timestamp out of range" }
            let key = SymmetricKey(data: Data("\(seconds)\n\(secret)".utf8))
            guard Data(HMAC<SHA256>.authenticationCode(for: Data(), using: key)).base64EncodedString() == sign else { return "bad signature" }
            guard object["msg_type"] as? String == "interactive", object["card"] is [String: Any] else { return "not a card" }
        case "dingtalk":
            let items = Dictionary(query.split(separator: "&").map { pair -> (String, String) in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return (parts[0], parts.count > 1 ? parts[1].removingPercentEncoding ?? parts[1] : "")
            }, uniquingKeysWith: { a, _ in a })
            guard let stamp = items["timestamp"], let millis = Int(stamp), let sign = items["sign"] else { return "unsigned" }
            guard abs(Double(millis) / 1000 - Date().timeIntervalSince1970) < 3_600 else { return "timestamp out of range" }
            let key = SymmetricKey(data: Data(secret.utf8))
            guard Data(HMAC<SHA256>.authenticationCode(for: Data("\(millis)\n\(secret)".utf8), using: key)).base64EncodedString() == sign else {
                return "bad signature"
            }
            guard object["msgtype"] as? String == "markdown" else { return "not markdown" }
        case "wecom":
            guard let content = (object["markdown"] as? [String: Any])?["content"] as? String else { return "no content" }
            guard content.utf8.count <= 4_096 else { return "content over 4096 bytes" }
        case "slack":
            guard let blocks = object["blocks"] as? [[String: Any]] else { return "no blocks" }
            for block in blocks where block["type"] as? String == "section" {
                if ((block["text"] as? [String: Any])?["text"] as? String ?? "").count > 3_000 { return "section over 3000" }
            }
        case "discord":
            let content = (object["content"] as? String ?? "").count
            let embeds = object["embeds"] as? [[String: Any]] ?? []
            let embedText = embeds.reduce(0) { $0 + ($1["title"] as? String ?? "").count + ($1["description"] as? String ?? "").count }
            guard content <= 2_000, embedText <= 6_000, embeds.allSatisfy({ ($0["description"] as? String ?? "").count <= 4_096 }) else {
                return "over Discord's limits"
            }
        case "teams":
            guard body.count <= 28 * 1024, (object["attachments"] as? [[String: Any]])?.first?["contentType"] as? String
                == "application/vnd.microsoft.card.adaptive" else { return "not an adaptive card" }
        default:
            break
        }
        return nil
    }

    static func reply(_ channel: String, refusal: String?) -> Response {
        switch channel {
        case "feishu", "lark":
            return json(refusal == nil ? ["code": 0, "msg": "success", "data": [:]] : ["code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"])
        case "dingtalk", "wecom":
            return json(refusal == nil ? ["errcode": 0, "errmsg": "ok"] : ["errcode": channel == "wecom" ? 40058 : 310000, "errmsg": refusal ?? ""])
        case "slack":
            return Response(status: refusal == nil ? .ok : .badRequest, body: .init(byteBuffer: ByteBuffer(string: refusal == nil ? "ok" : "invalid_blocks")))
        case "discord":
            return refusal == nil ? Response(status: .noContent) : json(["message": "Invalid Form Body", "code": 50035], status: .badRequest)
        case "teams":
            return Response(status: refusal == nil ? .accepted : .badRequest)
        default:
            return Response(status: refusal == nil ? .ok : .badRequest)
        }
    }

    static func respond(_ fault: Fault, channel: String) -> Response {
        switch fault {
        case .tooManyRequests(let seconds):
            var headers = HTTPFields()
            headers[HTTPField.Name("Retry-After")!] = "\(seconds)"
            return json(["retry_after": Double(seconds), "global": false, "message": "You are being rate limited."], status: .tooManyRequests, headers: headers)
        case .serverError:
            return Response(status: .internalServerError)
        case .errorCode(let code, let message):
            return json(channel == "feishu" || channel == "lark" ? ["code": code, "msg": message] : ["errcode": code, "errmsg": message])
        case .delay:
            return json(["code": 0, "errcode": 0])
        }
    }

    static func json(_ object: [String: Any], status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
