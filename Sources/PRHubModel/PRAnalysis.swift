/// One PR as a language model read it, once, in both languages, checked by the verifier against that PR's
/// own facts. Cached by the PR's content, so next week only new or changed PRs cost a call.
public struct PRAnalysis: Codable, Sendable, Equatable {
    public var number: Int
    /// One line: what changed and why, in Chinese and in English.
    public var summaryZh: String
    public var summaryEn: String
    public var kind: ChangeKind?
    public var importance: Int
    public var importanceReason: String
    public var risks: [String]
    /// Design decisions the PR takes.
    public var design: [String]
    /// What review settled or left open, with GitHub data.
    public var review: String?

    public init(
        number: Int, summaryZh: String, summaryEn: String, kind: ChangeKind?, importance: Int, importanceReason: String,
        risks: [String], design: [String], review: String?
    ) {
        self.number = number
        self.summaryZh = summaryZh
        self.summaryEn = summaryEn
        self.kind = kind
        self.importance = importance
        self.importanceReason = importanceReason
        self.risks = risks
        self.design = design
        self.review = review
    }

    public func summary(_ language: Language) -> String { language == .zh ? summaryZh : summaryEn }
}
