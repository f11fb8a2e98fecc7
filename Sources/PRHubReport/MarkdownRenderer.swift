import PRHubModel

/// A report as Markdown: the template writer's document (with any sections a model wrote), serialised.
public struct MarkdownRenderer: Sendable {
    public var language: Language
    public var baseURL: String

    public init(language: Language, baseURL: String) {
        self.language = language
        self.baseURL = baseURL
    }

    public func render(_ digest: Digest) -> String {
        MarkdownSerializer().serialize(TemplateWriter(language: language, baseURL: baseURL).document(digest))
    }

    /// The report's title line, without Markdown.
    public func title(_ digest: Digest) -> String {
        TemplateWriter(language: language, baseURL: baseURL).title(digest)
    }
}
