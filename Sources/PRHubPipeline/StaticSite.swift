import Foundation
import PRHubModel
import PRHubReport

/// Writes every page of the website to a folder, at the same URLs the server uses.
public struct StaticSite: Sendable {
    public let library: ReportService
    public let folder: String
    public let language: Language

    public init(library: ReportService, folder: String, language: Language) {
        self.library = library
        self.folder = folder
        self.language = language
    }

    /// Returns how many files it wrote. Throws `output` when the folder cannot be written.
    public func write() async throws -> Int {
        var count = 0
        for name in try await library.repositories() {
            for week in try await library.weeks(name) {
                let reports = "\(name)/reports"
                try save(try await library.report(name, period: week.period, language: language, format: .html), "\(reports)/\(week.slug)/index.html")
                try save(try await library.report(name, period: week.period, language: language, format: .md), "\(reports)/\(week.slug).md")
                try save(try await library.report(name, period: week.period, language: language, format: .json), "\(reports)/\(week.slug).json")
                count += 3
            }
            try save(SitePages.archive(repo: name.description, weeks: try await library.archiveRows(name), language: language), "\(name)/index.html")
            try save(try await library.feed(name, language: language), "\(name)/feed.xml")
            count += 2
        }
        try save(SitePages.index(try await library.indexRows(), language: language), "index.html")
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
