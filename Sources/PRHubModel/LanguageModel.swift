/// The seam to a language model: one system prompt and one user prompt in, the reply text out.
/// Implementations talk to OpenAI-compatible endpoints; tests script replies.
public protocol LanguageModel: Sendable {
    /// A name for caches and reports (the model id).
    var name: String { get }
    func complete(system: String, user: String) async throws -> String
}
