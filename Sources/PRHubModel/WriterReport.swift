/// Who wrote a report's prose, and what the verifier found in what a language model wrote.
/// Present in the digest only when `--writer llm` was asked for.
public struct WriterReport: Codable, Sendable, Equatable {
    /// `llm`, with the template writer filling in any section the model did not get right.
    public var writer: String
    public var model: String
    /// Sections the model wrote and the verifier accepted, by id (`summary`, `changes`, …, `brief-123`).
    public var sections: [Section]
    /// Everything the verifier rejected, including sections later replaced by the template writer.
    public var findings: [Finding]
    /// Calls made to the endpoint for this report (cache hits are not calls).
    public var calls: Int
    public var promptBytes: Int
    /// The longest single prompt, in bytes (a token is about four bytes).
    public var largestPromptBytes: Int = 0
    /// What happened to each section asked for, in order.
    public var outcomes: [Outcome] = []
    /// Tokens as the server counted them (calls that reported usage), and replies taken from the cache.
    public var promptTokens = 0
    public var completionTokens = 0
    public var cacheHits = 0
    /// Wall time of the model's part of the report.
    public var seconds: Double = 0
    /// The PRs the model read one by one and the verifier accepted.
    public var analyses: [PRAnalysis] = []

    public func analysis(_ number: Int) -> PRAnalysis? { analyses.first { $0.number == number } }

    /// What became of one section: written by the model (and accepted), rejected by the verifier, or
    /// not written because the server timed out or failed, or the token budget was spent.
    public struct Outcome: Codable, Sendable, Equatable {
        public enum Status: String, Codable, Sendable {
            case written
            case rejected
            case timedOut = "timed-out"
            case serverError = "server-error"
            case overBudget = "over-budget"
        }
        public var id: String
        public var status: Status
        /// Verifier findings on this section's answers.
        public var findings: Int
        public init(id: String, status: Status, findings: Int) {
            self.id = id
            self.status = status
            self.findings = findings
        }
    }

    public func count(_ status: Outcome.Status) -> Int { outcomes.filter { $0.status == status }.count }

    public struct Section: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public init(id: String, text: String) {
            self.id = id
            self.text = text
        }
    }

    public struct Finding: Codable, Sendable, Equatable, Hashable {
        public var section: String
        /// `pr-number`, `number`, `author`, `file`, `format`, `endpoint`.
        public var kind: String
        public var detail: String
        public init(section: String, kind: String, detail: String) {
            self.section = section
            self.kind = kind
            self.detail = detail
        }
    }

    public init(writer: String, model: String, sections: [Section], findings: [Finding], calls: Int, promptBytes: Int) {
        self.writer = writer
        self.model = model
        self.sections = sections
        self.findings = findings
        self.calls = calls
        self.promptBytes = promptBytes
    }

    public func text(_ id: String) -> String? { sections.first { $0.id == id }?.text }
}
