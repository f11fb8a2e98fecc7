import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PRHubModel

/// A language model behind an OpenAI-compatible Chat Completions endpoint (vLLM, SGLang, hosted APIs).
/// Each call has a timeout; connection errors, 429 and 5xx are retried with exponential backoff.
public struct OpenAICompatibleModel: LanguageModel {
    public let baseURL: String
    public let name: String
    let apiKey: String?
    let timeout: TimeAmount
    let retries: Int
    let client: HTTPClient

    /// - Parameter baseURL: e.g. `http://127.0.0.1:8000/v1`; `/chat/completions` is appended.
    public init(
        baseURL: String, model: String, apiKey: String?, timeoutSeconds: Int64 = 90, retries: Int = 2,
        client: HTTPClient = OpenAICompatibleModel.client
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        name = model
        self.apiKey = apiKey
        timeout = .seconds(timeoutSeconds)
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
        var model: String
        var messages: [Message]
        var temperature: Double
    }

    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message
        }
        var choices: [Choice]
    }

    public func complete(system: String, user: String) async throws -> String {
        var attempt = 0
        while true {
            do {
                return try await once(system: system, user: user)
            } catch let error as LLMError where error.retryable && attempt < retries {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64(500_000_000) << UInt64(attempt - 1))
            }
        }
    }

    func once(system: String, user: String) async throws -> String {
        var request = HTTPClientRequest(url: baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let apiKey, !apiKey.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        let body = Body(model: name, messages: [.init(role: "system", content: system), .init(role: "user", content: user)], temperature: 0.2)
        request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw LLMError(message: "cannot reach \(baseURL): \(Self.describe(error))", retryable: true)
        }
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw LLMError(message: "reply from \(baseURL) broke off: \(Self.describe(error))", retryable: true)
        }
        let code = response.status.code
        guard code == 200 else {
            throw LLMError(message: "\(baseURL) answered HTTP \(code)", retryable: code == 429 || code >= 500)
        }
        guard let reply = try? JSONDecoder().decode(Reply.self, from: Data(bytes.readableBytesView)),
            let content = reply.choices.first?.message.content
        else { throw LLMError(message: "\(baseURL) answered something that is not a chat completion", retryable: false) }
        return content
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}

/// A failed call to a language model; never carries the API key.
public struct LLMError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool
    public var description: String { message }
}
