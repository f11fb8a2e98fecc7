import PRHubModel
import PRHubReport

/// What a user asks of `prhub report`.
public struct ReportRequest: Sendable {
    public enum Format: String, Sendable, CaseIterable { case md, json, html }

    public var repository: RepositoryName
    public var period: Period
    public var language: Language
    public var format: Format
    public var baseURL: String
    /// Where an HTML page's navigation points: the CLI writes a page opened as a file, so it links to
    /// the site's absolute addresses; the server and the static site link beside the page.
    public var htmlLinks: HTMLSerializer.Links = .site

    public init(repository: RepositoryName, period: Period, language: Language, format: Format, baseURL: String) {
        self.repository = repository
        self.period = period
        self.language = language
        self.format = format
        self.baseURL = baseURL
    }
}
