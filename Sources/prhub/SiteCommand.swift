import ArgumentParser
import Foundation
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore

struct SiteCommand: AsyncParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write the whole archive as static files any web server can host, at the same URLs.",
        discussion: """
            Writes index.html, OWNER/NAME/index.html, OWNER/NAME/feed.xml and, for every week,
            OWNER/NAME/reports/START-to-END/index.html (served at .../reports/START-to-END/) with
            START-to-END.md and START-to-END.json beside it, in the default language; and every page in
            each language with the language in its name: index.en.html / index.zh.html,
            START-to-END.en.html / START-to-END.zh.html, START-to-END.en.md / START-to-END.zh.md. Pages
            link to these, so the site works from any static web server at its root.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder to write.", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Time zone weeks are counted in.", valueName: "ZONE"))
    var tz: String = "UTC"

    @Option(name: .long, help: ArgumentHelp("Language of the pages: zh or en.", valueName: "LANG"))
    var lang: String = "zh"

    @Option(name: .long, help: ArgumentHelp("Public address of the site.", valueName: "URL"))
    var baseURL: String = "http://127.0.0.1:8080"

    @OptionGroup var store: StoreOptions

    func run() async throws { try await runAsync() }

    func runAsync() async throws {
        guard let language = Language(rawValue: lang) else {
            throw PRHubError(.invalidArgument, "--lang must be zh or en, got '\(lang.prefix(20))'")
        }
        // An empty folder name would write the site into the current folder, over whatever is there.
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw PRHubError(.invalidArgument, "--out needs a folder name")
        }
        let library = ReportService(store: try Store.open(store.db), zone: try ReportTimeZone(tz), baseURL: baseURL)
        let written = try await StaticSite(library: library, folder: out, language: language).write()
        StandardStreams.err("wrote \(written) files to \(out)\n")
    }
}
