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
    /// Every page is written in the default language at the server's address, and in each language with
    /// the language in its name (`index.en.html`, `START-to-END.zh.html`, `START-to-END.en.md`): the
    /// addresses the pages link to, which the server answers too.
    public func write() async throws -> Int {
        var count = 0
        func save(_ text: String, _ relative: String) throws {
            try self.save(text, relative)
            count += 1
        }
        for name in try await library.repositories() {
            let reports = "\(name)/reports"
            for week in try await library.weeks(name) {
                for format in [ReportRequest.Format.html, .md] {
                    for language in Language.allCases {
                        let text = try await library.report(name, period: week.period, language: language, format: format)
                        try save(text, "\(reports)/\(week.slug).\(language.rawValue).\(format.rawValue)")
                        if language == self.language {
                            try save(text, format == .html ? "\(reports)/\(week.slug)/index.html" : "\(reports)/\(week.slug).md")
                        }
                    }
                }
                try save(try await library.report(name, period: week.period, language: language, format: .json), "\(reports)/\(week.slug).json")
            }
            let weeks = try await library.archiveRows(name)
            for language in Language.allCases {
                let page = SitePages.archive(repo: name.description, weeks: weeks, language: language)
                try save(page, "\(name)/index.\(language.rawValue).html")
                if language == self.language { try save(page, "\(name)/index.html") }
            }
            try save(try await library.feed(name, language: language), "\(name)/feed.xml")
        }
        let rows = try await library.indexRows()
        for language in Language.allCases {
            let page = SitePages.index(rows, language: language)
            try save(page, "index.\(language.rawValue).html")
            if language == self.language { try save(page, "index.html") }
        }
        return count
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
