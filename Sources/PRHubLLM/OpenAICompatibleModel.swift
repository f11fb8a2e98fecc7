import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PRHubModel

/// A language model behind an OpenAI-compatible Chat Completions endpoint (vLLM, SGLang, llama.cpp's
/// server, hosted APIs). Every request says how many tokens it wants (`max_tokens`) and is streamed
/// (server-sent events): a server that keeps sending is never cut off, one that sends nothing for
/// `idleTimeout` seconds is dropped — the request is closed, so the server can stop generating. The
/// server's `usage` is read. Connection errors, 429 and 5xx are retried with backoff; a stall is not.
public struct OpenAICompatibleModel: LanguageModel {
    public let baseURL: String
    public let name: String
    let apiKey: String?
    let idleTimeout: Double
    /// How long the first token may take: a long prompt on a CPU server is read before anything is sent.
    let firstTokenTimeout: Double
    let retries: Int
    let client: HTTPClient

    /// - Parameter baseURL: e.g. `http://127.0.0.1:8000/v1`; `/chat/completions` is appended.
    public init(
        baseURL: String, model: String, apiKey: String?, idleTimeoutSeconds: Double = 30, firstTokenTimeoutSeconds: Double? = nil,
        retries: Int = 2, client: HTTPClient = OpenAICompatibleModel.client
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        name = model
        self.apiKey = apiKey
        idleTimeout = idleTimeoutSeconds
        firstTokenTimeout = firstTokenTimeoutSeconds ?? max(idleTimeoutSeconds, 120)
        self.retries = retries
        self.client = client
    }

    /// A process-wide client that gives up on a refused or unreachable endpoint at once (the shared client
    /// keeps retrying the connection until the request's deadline), with a short connect timeout.
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    struct Body: Encodable {
        struct Message: Encodable {
            var role: String
            var content: String
        }
        struct StreamOptions: Encodable {
            var includeUsage = true
            enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
        }
        var model: String
        var messages: [Message]
        var temperature: Double
        var maxTokens: Int
        var stream = true
        var streamOptions = StreamOptions()
        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, stream
            case maxTokens = "max_tokens"
            case streamOptions = "stream_options"
        }
    }

    /// A whole completion (a server that ignores `stream`), or one streamed chunk.
    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message?
            var delta: Message?
            var finishReason: String?
            enum CodingKeys: String, CodingKey {
                case message, delta
                case finishReason = "finish_reason"
            }
        }
        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?
            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        var choices: [Choice]?
        var usage: Usage?
    }

    public func complete(system: String, user: String, maxTokens: Int, jsonSchema: Data?) async throws -> Completion {
        var attempt = 0
        // Servers spell constrained output differently: OpenAI's `json_schema` (vLLM, SGLang, llama.cpp's
        // own server), `json_object` with a `schema` (llama-cpp-python); one that refuses both (400/422) is
        // asked without, and the answer is parsed and validated either way.
        var formats: [ResponseFormat] = jsonSchema.map { [.jsonSchema($0), .jsonObject($0), .none] } ?? [.none]
        while true {
            do {
                return try await once(system: system, user: user, maxTokens: maxTokens, format: formats[0])
            } catch let error as LLMError where error.refusedFormat && formats.count > 1 {
                formats.removeFirst()
            } catch let error as LLMError where error.retryable && attempt < retries {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(500_000_000) << UInt64(attempt - 1))
            }
        }
    }

    enum ResponseFormat {
        case none
        case jsonSchema(Data)
        case jsonObject(Data)

        var object: [String: Any]? {
            switch self {
            case .none: return nil
            case .jsonSchema(let data):
                return ["type": "json_schema", "json_schema": ["name": "answer", "strict": true, "schema": Self.decoded(data)]]
            case .jsonObject(let data):
                return ["type": "json_object", "schema": Self.decoded(data)]
            }
        }

        static func decoded(_ data: Data) -> Any { (try? JSONSerialization.jsonObject(with: data)) ?? [:] }
    }

    /// When the last byte came, for the idle watchdog.
    final class Activity: @unchecked Sendable {  // Safe: `last` and `started` are only touched under `lock`.
        private let lock = NSLock()
        private var last = ContinuousClock.now
        private var started = false
        /// A token (or a whole reply) arrived.
        func touch() { lock.withLock { last = .now; started = true } }
        var idle: Duration { lock.withLock { ContinuousClock.now - last } }
        var hasStarted: Bool { lock.withLock { started } }
    }

    func once(system: String, user: String, maxTokens: Int, format: ResponseFormat = .none) async throws -> Completion {
        var request = HTTPClientRequest(url: baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream, application/json")
        if let apiKey, !apiKey.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        let body = Body(
            model: name, messages: [.init(role: "system", content: system), .init(role: "user", content: user)], temperature: 0.2,
            maxTokens: maxTokens)
        var encoded = try JSONEncoder().encode(body)
        if let format = format.object, var object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] {
            object["response_format"] = format
            encoded = try JSONSerialization.data(withJSONObject: object)
        }
        request.body = .bytes(ByteBuffer(bytes: encoded))
        let activity = Activity()
        let idle = idleTimeout
        let first = firstTokenTimeout
        let prepared = request
        return try await withThrowingTaskGroup(of: Completion?.self) { group in
            group.addTask { try await read(prepared, activity: activity) }
            group.addTask {
                while activity.idle < .milliseconds(Int64((activity.hasStarted ? idle : first) * 1000)) {
                    try await Task.sleep(nanoseconds: 100_000_000)
                }
                return nil
            }
            defer { group.cancelAll() }  // Cancelling the reader closes the connection: the server stops.
            guard let result = try await group.next(), let completion = result else {
                let waited = Int(activity.hasStarted ? idle : first)
                throw LLMError(.timedOut, "\(baseURL) sent no token for \(waited) s; the request was closed", retryable: false)
            }
            return completion
        }
    }

    private func read(_ request: HTTPClientRequest, activity: Activity) async throws -> Completion {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .hours(1))
        } catch {
            throw LLMError(.serverError, "cannot reach \(baseURL): \(Self.describe(error))", retryable: true)
        }
        let code = response.status.code
        guard code == 200 else {
            // A server that cannot read the `response_format` says so with 400 or 422 — or, like
            // llama-cpp-python's, with a 500 whose text names it.
            let text = (try? await response.body.collect(upTo: 64 << 10)).map { String(buffer: $0) } ?? ""
            let refusedFormat = code == 400 || code == 422 || text.contains("response_format")
            var error = LLMError(.serverError, "\(baseURL) answered HTTP \(code)", retryable: !refusedFormat && (code == 429 || code >= 500))
            error.refusedFormat = refusedFormat
            throw error
        }
        let streamed = response.headers.first(name: "content-type")?.contains("text/event-stream") == true
        var text = ""
        var completion = Completion(text: "")
        var pending = Data()
        var events = 0
        do {
            for try await chunk in response.body {
                pending.append(contentsOf: chunk.readableBytesView)
                guard streamed else {
                    activity.touch()
                    guard pending.count < 4 << 20 else { throw LLMError(.serverError, "\(baseURL) sent a reply over 4 MB", retryable: false) }
                    continue
                }
                // Server-sent events: `data: {json}` lines; `data: [DONE]` ends the stream.
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    pending.removeSubrange(pending.startIndex...end)
                    guard line.hasPrefix("data:") else { continue }
                    let payload = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
                    if payload == "[DONE]" { break }
                    guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(payload.utf8)) else { continue }
                    // Only text (or the end) counts as progress: keep-alive comments and the opening `role` event,
                    // which some servers send before reading the prompt, do not hold a stalled request open.
                    let choice = reply.choices?.first
                    if choice?.delta?.content?.isEmpty == false { events += 1 }
                    if choice?.delta?.content?.isEmpty == false || choice?.finishReason != nil || reply.usage != nil { activity.touch() }
                    absorb(reply, into: &completion, text: &text)
                }
            }
        } catch let error as LLMError {
            throw error
        } catch {
            throw LLMError(.serverError, "reply from \(baseURL) broke off: \(Self.describe(error))", retryable: true)
        }
        if !streamed {
            guard let reply = try? JSONDecoder().decode(Reply.self, from: pending), reply.choices?.first?.message?.content != nil else {
                throw LLMError(.serverError, "\(baseURL) answered something that is not a chat completion", retryable: false)
            }
            absorb(reply, into: &completion, text: &text)
        } else if text.isEmpty {
            // `length` at once: the prompt and `max_tokens` do not fit the server's context window.
            let why = completion.finishReason == "length" ? " (the prompt does not leave room in the server's context window)" : ""
            throw LLMError(.serverError, "\(baseURL) streamed no text\(why)", retryable: false)
        }
        completion.text = text
        // A server that streams without `usage` (llama-cpp-python): each content event is about one token.
        if completion.completionTokens == nil && streamed { completion.completionTokens = events }
        return completion
    }

    private func absorb(_ reply: Reply, into completion: inout Completion, text: inout String) {
        if let choice = reply.choices?.first {
            text += choice.delta?.content ?? choice.message?.content ?? ""
            if let reason = choice.finishReason { completion.finishReason = reason }
        }
        if let usage = reply.usage {
            completion.promptTokens = usage.promptTokens ?? completion.promptTokens
            completion.completionTokens = usage.completionTokens ?? completion.completionTokens
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}
