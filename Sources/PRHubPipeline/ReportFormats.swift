import PRHubModel
import PRHubReport

/// The one place a digest becomes the text a user asked for: Markdown, JSON or HTML, in a language.
public enum ReportFormats {
    public static func render(
        _ digest: Digest, format: ReportRequest.Format, language: Language, baseURL: String, links: HTMLSerializer.Links = .site
    ) throws -> String {
        switch format {
        case .json: return try JSONRenderer.render(digest)
        case .md: return MarkdownRenderer(language: language, baseURL: baseURL).render(digest)
        case .html: return HTMLRenderer(language: language, baseURL: baseURL, links: links).render(digest)
        }
    }

    public static func contentType(_ format: ReportRequest.Format) -> String {
        switch format {
        case .json: "application/json; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}
