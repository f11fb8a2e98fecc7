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
        /// Streams the text (server-sent events) in pieces, one every `interval` seconds, then `usage`.
        case stream(String, pieces: Int, interval: Double)
        /// Streams `pieces` pieces, then sends nothing more until the client goes away.
        case streamThenStall(pieces: Int)
        /// Refuses a request whose `response_format` is `json_schema` as llama-cpp-python does, else the reply.
        case refuseSchemaFormat(then: String)
    }

    /// Counts requests, by the first line of the prompt.
    public actor Log {
        public private(set) var prompts: [String] = []
        /// Each request's `max_tokens` and `stream`.
        public private(set) var limits: [(maxTokens: Int?, stream: Bool)] = []
        /// Streams the client closed while the server was still holding them open.
        public private(set) var abandoned = 0
        /// Each request's `response_format.type`, if it had one.
        public private(set) var formats: [String?] = []
        func recordFormat(_ type: String?) { formats.append(type) }
        public init() {}
        func record(_ prompt: String, maxTokens: Int?, stream: Bool) {
            prompts.append(prompt)
            limits.append((maxTokens, stream))
        }
        func recordAbandoned() { abandoned += 1 }
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
            await log.record(user, maxTokens: object?["max_tokens"] as? Int, stream: object?["stream"] as? Bool ?? false)
            let format = (object?["response_format"] as? [String: Any])?["type"] as? String
            await log.recordFormat(format)
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
            case .stream(let text, let pieces, let interval):
                let words = Array(text)
                let size = max(1, (words.count + pieces - 1) / max(1, pieces))
                return events { writer in
                    for start in stride(from: 0, to: words.count, by: size) {
                        try await writer.write(ByteBuffer(string: chunk(String(words[start..<min(words.count, start + size)]))))
                        try await Task.sleep(nanoseconds: UInt64(interval * 1e9))
                    }
                    try await writer.write(ByteBuffer(string: chunk(nil, finish: "stop", usage: (40, words.count / 4 + 1)) + "data: [DONE]\n\n"))
                }
            case .refuseSchemaFormat(let text):
                if format == "json_schema" {
                    // llama-cpp-python's answer, recorded: a 500 naming the field.
                    return Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string:
                        #"{"error":{"message":"[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\"}]","type":"internal_server_error"}}"#)))
                }
                return completion(text)
            case .streamThenStall(let pieces):
                return events { writer in
                    for index in 0..<pieces { try await writer.write(ByteBuffer(string: chunk("piece \(index) "))) }
                    do {
                        // Hold the stream open; writing a keep-alive comment finds out when the client has gone.
                        for _ in 0..<600 {
                            try await Task.sleep(nanoseconds: 100_000_000)
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        }
                    } catch {
                        await log.recordAbandoned()
                        throw error
                    }
                }
            }
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
    }

    /// A server-sent event carrying one chunk of a streamed completion.
    static func chunk(_ text: String?, finish: String? = nil, usage: (Int, Int)? = nil) -> String {
        var object: [String: Any] = [
            "id": "chatcmpl-test", "object": "chat.completion.chunk", "model": "test-model",
            "choices": [["index": 0, "delta": text.map { ["content": $0] } ?? [:], "finish_reason": finish.map { $0 as Any } ?? NSNull()]],
        ]
        if let usage { object["usage"] = ["prompt_tokens": usage.0, "completion_tokens": usage.1, "total_tokens": usage.0 + usage.1] }
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return "data: " + String(decoding: data, as: UTF8.self) + "\n\n"
    }

    static func events(_ body: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await body(&writer)
            try await writer.finish(nil)
        })
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
