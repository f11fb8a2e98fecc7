import Foundation
import PRHubLLM
import PRHubModel
import PRHubReport
import PRHubStore

/// How the prose of a report is written: by the template writer, or by a language model checked
/// against the digest.
public struct LLMOptions: Sendable {
    public var model: any LanguageModel
    public var concurrency: Int
    /// Completion tokens a report may spend (nil: no cap).
    public var tokenBudget: Int?
    /// Which PRs the model reads one by one.
    public var analyses = LLMWriter.AnalysisScope.highlights

    public init(model: any LanguageModel, concurrency: Int = 2) {
        self.model = model
        self.concurrency = concurrency
    }
}

/// Replies cached in the store.
struct StoreLLMCache: LLMCache {
    let store: Store
    func reply(for key: String) throws -> String? { try store.llmReply(for: key) }
    func store(_ reply: String, for key: String) throws { try store.storeLLMReply(reply, for: key) }
}

extension ReportGenerator {
    /// The digest with its prose written by the language model (what the verifier accepts), for the
    /// renderers to use; the template writer covers the rest. Never fails because of the model.
    public func digest(_ request: ReportRequest, llm: LLMOptions, warn: @escaping @Sendable (String) -> Void) async throws -> Digest {
        let digest = try self.digest(request)
        guard digest.prCount > 0 else { return digest }
        let descriptions = try Dictionary(
            store.pullRequests(request.repository, from: request.period.startInstant, to: request.period.endInstant)
                .map { ($0.number, $0.title + "\n" + $0.body) }, uniquingKeysWith: { a, _ in a })
        var writer = LLMWriter(model: llm.model, cache: StoreLLMCache(store: store))
        writer.concurrency = llm.concurrency
        writer.tokenBudget = llm.tokenBudget
        writer.analyses = llm.analyses
        return await writer.write(digest, language: request.language, descriptions: descriptions, warn: warn)
    }

    /// Renders a digest in the request's format.
    public func render(_ digest: Digest, _ request: ReportRequest) throws -> String {
        try ReportFormats.render(
            digest, format: request.format, language: request.language, baseURL: request.baseURL, links: request.htmlLinks)
    }
}
