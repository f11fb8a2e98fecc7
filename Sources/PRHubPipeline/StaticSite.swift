import Foundation
import PRHubModel
import PRHubReport

/// Writes every page of the website to a folder, at the same URLs the server uses.
public struct StaticSite: Sendable {
    public let library: ReportLibrary
    public let folder: String
    public let language: Language

    public init(library: ReportLibrary, folder: String, language: Language) {
        self.library = library
        self.folder = folder
        self.language = language
    }

    /// Returns how many files it wrote. Throws `output` when the folder cannot be written.
    public func write() async throws -> Int {
        var count = 0
        var rows: [SitePages.RepositoryRow] = []
        let base = library.baseURL
        for name in try await library.repositories() {
            let weeks = try await library.weeks(name)
            rows.append(.init(name: name.description, latestSlug: weeks.first?.slug, latestWeek: weeks.first?.week.description,
                weeklyCounts: weeks.prefix(26).reversed().map(\.prCount)))
            var archive: [SitePages.WeekRow] = []
            for week in weeks {
                let digest = try await library.digest(name, period: week.period, language: language)
                archive.append(.init(week: week.week.description, slug: week.slug, start: week.period.start, end: week.period.end,
                    prCount: week.prCount, highlightCount: digest.highlightCount, risks: digest.risks))
                let reports = "\(name)/reports"
                try save(HTMLRenderer(language: language, baseURL: base).render(digest), "\(reports)/\(week.slug)/index.html")
                try save(MarkdownRenderer(language: language, baseURL: base).render(digest), "\(reports)/\(week.slug).md")
                try save(try JSONRenderer.render(digest), "\(reports)/\(week.slug).json")
                count += 3
            }
            try save(SitePages.archive(repo: name.description, weeks: archive, language: language), "\(name)/index.html")
            let entries = weeks.prefix(30).map { week in
                AtomRenderer.Entry(
                    title: MarkdownRenderer(language: language, baseURL: base).title(.placeholder(repo: name.description, period: week.period)),
                    url: "\(base)/\(name)/reports/\(week.slug)", updated: week.period.endInstant,
                    summary: language == .zh ? "合并了 \(week.prCount) 个 PR" : "\(week.prCount) pull requests merged")
            }
            try save(AtomRenderer.feed(repo: name.description, selfURL: "\(base)/\(name)/feed.xml", entries: Array(entries)), "\(name)/feed.xml")
            count += 2
        }
        try save(SitePages.index(rows, language: language), "index.html")
        return count + 1
    }

    func save(_ text: String, _ relative: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw PRHubError(.output, "cannot write '\(url.path)': \((error as NSError).localizedDescription)")
        }
    }
}
