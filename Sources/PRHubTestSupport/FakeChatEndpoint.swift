import Foundation
import Hummingbird

/// A real HTTP server on 127.0.0.1 that plays an OpenAI-compatible Chat Completions endpoint, scripted
/// per test: the script sees the user prompt and says how to answer.
public enum FakeChatEndpoint {
    public enum Behavior: Sendable {
        /// A well-formed completion whose message is this text.
        case reply(String)
        case status(Int)
        /// A 200 whose body is not a completion.
        case malformed
        /// Waits this long before answering (to trip timeouts), then replies.
        case stall(seconds: Double, then: String)
    }

    /// Counts requests, by the first line of the prompt.
    public actor Log {
        public private(set) var prompts: [String] = []
        public init() {}
        func record(_ prompt: String) { prompts.append(prompt) }
        public var count: Int { prompts.count }
    }

    /// The application; run it with Hummingbird's `.live` testing setup or `runService()`.
    public static func application(
        port: Int = 0, log: Log, script: @escaping @Sendable (_ user: String, _ attempt: Int) -> Behavior
    ) -> some ApplicationProtocol {
        let router = Router()
        router.post("/v1/chat/completions") { request, context -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 8 << 20)
            let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            let messages = object?["messages"] as? [[String: Any]] ?? []
            let user = messages.last?["content"] as? String ?? ""
            await log.record(user)
            let attempt = user.contains("Your previous answer was rejected") ? 2 : 1
            switch script(user, attempt) {
            case .reply(let text):
                return completion(text)
            case .status(let code):
                return Response(status: .init(code: code), body: .init(byteBuffer: ByteBuffer(string: "{\"error\":\"scripted\"}")))
            case .malformed:
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "{\"choices\": \"not a list\"")))
            case .stall(let seconds, let text):
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return completion(text)
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    }

    static func completion(_ text: String) -> Response {
        let payload: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion", "created": 1_700_000_000, "model": "test-model",
            "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: payload)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
