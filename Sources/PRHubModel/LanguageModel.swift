import Foundation

/// A chat model the LLM writer asks for text.
public protocol LanguageModel: Sendable {
    /// A name for caches and reports (the model id).
    var name: String { get }
    /// At most `maxTokens` tokens of answer; with `jsonSchema` (a JSON Schema, encoded), an answer that
    /// follows it, where the server can constrain its output.
    func complete(system: String, user: String, maxTokens: Int, jsonSchema: Data?) async throws -> Completion
}

extension LanguageModel {
    public func complete(system: String, user: String, maxTokens: Int) async throws -> Completion {
        try await complete(system: system, user: user, maxTokens: maxTokens, jsonSchema: nil)
    }
}

/// What a model answered, with the server's count of tokens when it gave one.
public struct Completion: Sendable, Equatable {
    public var text: String
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// `stop`, or `length` when `maxTokens` cut the answer short.
    public var finishReason: String?

    public init(text: String, promptTokens: Int? = nil, completionTokens: Int? = nil, finishReason: String? = nil) {
        self.text = text
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
    }
}

/// A failed call to a language model; never carries the API key.
public struct LLMError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// No token for the idle timeout: the server stalled (the request was closed).
        case timedOut = "timed-out"
        /// Unreachable, an HTTP error, or a reply that is not a completion.
        case serverError = "server-error"
    }
    public var kind: Kind
    public var message: String
    public var retryable: Bool
    /// The server refused the request as malformed (400, 422): perhaps the `response_format` it was sent.
    public var refusedFormat = false
    public init(_ kind: Kind, _ message: String, retryable: Bool) {
        self.kind = kind
        self.message = message
        self.retryable = retryable
    }
    public var description: String { message }
}
