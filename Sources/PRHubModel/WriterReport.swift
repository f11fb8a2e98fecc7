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
