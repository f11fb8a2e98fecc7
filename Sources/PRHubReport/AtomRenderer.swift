import Foundation
import PRHubModel

/// An Atom feed of a repository's weekly reports: one entry per week, newest first.
public enum AtomRenderer {
    public struct Entry: Sendable {
        public var title: String
        public var url: String
        public var updated: Date
        public var summary: String
        public init(title: String, url: String, updated: Date, summary: String) {
            self.title = title
            self.url = url
            self.updated = updated
            self.summary = summary
        }
    }

    /// An entry for one week's report: its title, and its executive summary as plain text.
    public static func entry(_ document: ReportDocument, url: String, updated: Date) -> Entry {
        let summary = document.sections.first { $0.id == .summary || $0.id == .empty }?.blocks.map { block -> String in
            switch block {
            case .paragraph(let spans): spans.plainText
            case .modelText(let text): text
            default: ""
            }
        }.joined(separator: " ") ?? ""
        return Entry(title: document.title, url: url, updated: updated, summary: summary)
    }

    public static func feed(repo: String, selfURL: String, entries: [Entry]) -> String {
        let formatter = ISO8601DateFormatter()
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <title>\(HTMLText.escape(repo)) · PRHub</title>
            <id>\(HTMLText.escape(selfURL))</id>
            <link rel="self" href="\(HTMLText.escape(selfURL))"/>
            <updated>\(formatter.string(from: updated))</updated>

            """
        for entry in entries {
            xml += """
                <entry><title>\(HTMLText.escape(entry.title))</title><id>\(HTMLText.escape(entry.url))</id>\
                <link href="\(HTMLText.escape(entry.url))"/><updated>\(formatter.string(from: entry.updated))</updated>\
                <summary>\(HTMLText.escape(entry.summary))</summary></entry>

                """
        }
        return xml + "</feed>\n"
    }
}
