import PRHubModel

/// A report as one self-contained HTML page: the template writer's document, serialised with its charts.
public struct HTMLRenderer: Sendable {
    public var language: Language
    public var baseURL: String
    public var links: HTMLSerializer.Links

    public init(language: Language, baseURL: String, links: HTMLSerializer.Links = .site) {
        self.language = language
        self.baseURL = baseURL
        self.links = links
    }

    public func render(_ digest: Digest) -> String {
        let document = TemplateWriter(language: language, baseURL: baseURL).document(digest)
        return HTMLSerializer(links: links).serialize(document, slug: "\(digest.period.start)-to-\(digest.period.end)")
    }
}
