import Foundation
import PRHubModel
import PRHubReport

/// Writes a report's prose with a language model, section by section, and keeps only what the
/// verifier accepts: a rejected section is asked for once more with the errors listed, then left to
/// the template writer. It never blocks a report: any failure of the endpoint means the template text.
public struct LLMWriter: Sendable {
    public let model: any LanguageModel
    public let cache: (any LLMCache)?
    /// How many calls run at once: a small model server serves one or two at a time.
    public var concurrency = 2
    /// Completion tokens the report may spend (nil: no cap). Sections past it are left to the template writer.
    public var tokenBudget: Int?
    /// Which PRs are read one by one (`PRAnalysis`): the highlights by default.
    public var analyses: AnalysisScope = .highlights

    public enum AnalysisScope: String, Sendable, CaseIterable { case none, highlights, all }

    public init(model: any LanguageModel, cache: (any LLMCache)?) {
        self.model = model
        self.cache = cache
    }

    /// The digest with `writer` filled in; warnings (endpoint down, …) go to `warn`.
    public func write(_ digest: Digest, language: Language, descriptions: [Int: String], warn: @Sendable (String) -> Void = { _ in }) async -> Digest {
        let analysed: [Int] = switch analyses {
        case .none: []
        case .highlights: digest.highlights
        case .all: digest.highlights + digest.prs.filter { !digest.highlights.contains($0.number) }.sorted { $0.importance > $1.importance }.map(\.number)
        }
        let subjects = Dictionary(analysed.compactMap { number in digest.pr(number).map { ("pr-\(number)", $0) } }, uniquingKeysWith: { a, _ in a })
        let prompts = PromptBuilder(language: language).prompts(digest, descriptions: descriptions)
            + analysed.compactMap { number in digest.pr(number).map { PRAnalysisPrompt.prompt($0, description: descriptions[number]) } }
        let verifier = SectionVerifier(digest: digest, descriptions: descriptions)
        let breaker = Breaker(budget: tokenBudget)
        let started = ContinuousClock.now
        var results: [String: Outcome] = [:]
        await withTaskGroup(of: (String, Outcome).self) { group in
            var pending = prompts[...]
            func launch() {
                guard let prompt = pending.popFirst() else { return }
                group.addTask { (prompt.id, await self.section(prompt, verifier: verifier, breaker: breaker, subject: subjects[prompt.id])) }
            }
            for _ in 0..<concurrency { launch() }
            for await (id, outcome) in group {
                results[id] = outcome
                launch()
            }
        }
        var report = WriterReport(writer: "llm", model: model.name, sections: [], findings: [], calls: 0,
            promptBytes: prompts.reduce(0) { $0 + $1.bytes })
        report.largestPromptBytes = prompts.map(\.bytes).max() ?? 0
        for prompt in prompts {
            guard let outcome = results[prompt.id] else { continue }
            report.calls += outcome.calls
            report.findings += outcome.findings
            report.promptTokens += outcome.promptTokens
            report.completionTokens += outcome.completionTokens
            report.cacheHits += outcome.cacheHits
            report.outcomes.append(.init(id: prompt.id, status: outcome.status, findings: outcome.findings.count))
            if let analysis = outcome.analysis {
                report.analyses.append(analysis)
            } else if let text = outcome.text {
                report.sections.append(.init(id: prompt.id, text: text))
            }
        }
        let elapsed = ContinuousClock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if let failure = results.values.compactMap(\.failure).first {
            warn("warning: the language model could not write parts of this report (\(failure)); the template writer filled them in")
        }
        var written = digest
        written.writer = report
        return written
    }

    struct Outcome: Sendable {
        var text: String?
        var findings: [WriterReport.Finding] = []
        var calls = 0
        var failure: String?
        var status = WriterReport.Outcome.Status.rejected
        var promptTokens = 0
        var completionTokens = 0
        var cacheHits = 0
        var analysis: PRAnalysis?
    }

    /// Once the endpoint has failed for good, the remaining sections do not wait for it; it also keeps
    /// the report's token budget.
    actor Breaker {
        private(set) var failure: (kind: LLMError.Kind, reason: String)?
        private var left: Int?
        init(budget: Int?) { left = budget }
        func trip(_ kind: LLMError.Kind, _ reason: String) { if failure == nil { failure = (kind, reason) } }
        /// Reserves `tokens` of the budget; false when it would be overspent.
        func reserve(_ tokens: Int) -> Bool {
            guard let remaining = left else { return true }
            guard remaining >= tokens else { return false }
            left = remaining - tokens
            return true
        }
        /// Gives back what a call did not use.
        func refund(_ tokens: Int) { if let remaining = left { left = remaining + max(0, tokens) } }
    }

    /// `subject`: the PR a `pr-N` prompt analyses; its answer is JSON, read by `PRAnalysisPrompt.read`.
    func section(_ prompt: PromptBuilder.Prompt, verifier: SectionVerifier, breaker: Breaker, subject: Digest.PR? = nil) async -> Outcome {
        var outcome = Outcome()
        var user = prompt.user
        for attempt in 0..<2 {
            let reply: String
            do {
                let cached = (try? cache?.reply(for: LLMCacheKey.make(model: model.name, system: prompt.system, user: user))) != nil
                if let failure = await breaker.failure, !cached {
                    throw LLMError(failure.kind, "skipped: \(failure.reason)", retryable: false)
                }
                reply = try await ask(prompt, user: user, outcome: &outcome, breaker: breaker)
            } catch is BudgetSpent {
                outcome.status = .overBudget
                return outcome
            } catch {
                let kind = (error as? LLMError)?.kind ?? .serverError
                let reason = String(describing: error)
                await breaker.trip(kind, reason)
                outcome.status = kind == .timedOut ? .timedOut : .serverError
                outcome.failure = reason
                return outcome
            }
            let text = reply.trimmingCharacters(in: .whitespacesAndNewlines)
            var findings: [WriterReport.Finding]
            var analysis: PRAnalysis?
            if let subject {
                (analysis, findings) = PRAnalysisPrompt.read(text, pr: subject, verifier: verifier, id: prompt.id)
            } else {
                findings = verifier.check(text, section: prompt.id)
                if text.isEmpty { findings.append(.init(section: prompt.id, kind: "format", detail: "empty reply")) }
            }
            if findings.isEmpty {
                outcome.text = text
                outcome.analysis = analysis
                outcome.status = .written
                return outcome
            }
            outcome.findings += findings
            if attempt == 0 {
                user = prompt.user + "\n\n" + "Your previous answer was rejected for these errors; write it again without them:\n"
                    + findings.map { "- \($0.detail)" }.joined(separator: "\n")
            }
        }
        return outcome
    }

    struct BudgetSpent: Error {}

    func ask(_ prompt: PromptBuilder.Prompt, user: String, outcome: inout Outcome, breaker: Breaker) async throws -> String {
        let key = LLMCacheKey.make(model: model.name, system: prompt.system, user: user)
        if let cached = try? cache?.reply(for: key) {
            outcome.cacheHits += 1
            return cached
        }
        guard await breaker.reserve(prompt.maxTokens) else { throw BudgetSpent() }
        outcome.calls += 1
        let completion: Completion
        do {
            completion = try await model.complete(system: prompt.system, user: user, maxTokens: prompt.maxTokens, jsonSchema: prompt.jsonSchema)
        } catch {
            await breaker.refund(prompt.maxTokens)
            throw error
        }
        await breaker.refund(prompt.maxTokens - (completion.completionTokens ?? prompt.maxTokens))
        outcome.promptTokens += completion.promptTokens ?? 0
        outcome.completionTokens += completion.completionTokens ?? 0
        try? cache?.store(completion.text, for: key)
        return completion.text
    }
}

/// Where replies are kept, so regenerating a report costs no call.
public protocol LLMCache: Sendable {
    func reply(for key: String) throws -> String?
    func store(_ reply: String, for key: String) throws
}

/// A cache key from the model and the whole prompt (two independent 64-bit FNV-1a hashes).
public enum LLMCacheKey {
    public static func make(model: String, system: String, user: String) -> String {
        let bytes = Array((model + "\u{0}" + system + "\u{0}" + user).utf8)
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &* 0x100_0000_01b3) ^ UInt64(byte)
        }
        return String(a, radix: 16) + String(b, radix: 16) + "-\(bytes.count)"
    }
}
