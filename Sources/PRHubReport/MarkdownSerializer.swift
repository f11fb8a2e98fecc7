import PRHubModel

/// A report document as Markdown. Every piece of text passes through `MarkdownText` here and only here.
public struct MarkdownSerializer: Sendable {
    public init() {}

    public func serialize(_ document: ReportDocument) -> String {
        var out = "# \(MarkdownText.inline(document.title, limit: 400))\n\n"
        for line in document.meta { out += inlines(line, document.repo) + "\n\n" }
        out += "\n"
        for (index, section) in document.sections.enumerated() {
            let heading = section.id == .empty ? "" : "## \(index + 1). \(MarkdownText.inline(section.title))\n\n"
            out += heading + blocks(section.blocks, document.repo)
        }
        if let appendix = document.appendix {
            out += "## \(MarkdownText.inline(appendix.title))\n\n" + blocks(appendix.blocks, document.repo)
        }
        return out
    }

    func blocks(_ blocks: [ReportDocument.Block], _ repo: String) -> String {
        blocks.map { block($0, repo) }.filter { !$0.isEmpty }.joined()
    }

    func block(_ block: ReportDocument.Block, _ repo: String) -> String {
        switch block {
        case .paragraph(let spans): return inlines(spans, repo) + "\n\n"
        case .heading(let spans): return "### " + inlines(spans, repo) + "\n\n"
        case .list(let items): return items.map { "- " + inlines($0, repo) + "\n" }.joined() + "\n"
        case .table(let header, let rows):
            var out = "| " + header.map { MarkdownText.inline($0) }.joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: header.count) + "\n"
            for row in rows { out += "| " + row.map { inlines($0, repo) }.joined(separator: " | ") + " |\n" }
            return out + "\n"
        case .chart: return ""
        case .details(let summary, let inner):
            // Folded content that is only charts has nothing to show in text.
            let body = blocks(inner, repo)
            return body.isEmpty ? "" : "**" + inlines(summary, repo) + "**\n\n" + body
        case .modelText(let text): return MarkdownText.modelText(text) + "\n\n"
        }
    }

    func inlines(_ spans: [ReportDocument.Inline], _ repo: String) -> String {
        spans.map { inline($0, repo) }.joined()
    }

    func inline(_ span: ReportDocument.Inline, _ repo: String) -> String {
        switch span {
        case .text(let text): return MarkdownText.inline(text, limit: 2_000)
        case .strong(let text): return "**" + MarkdownText.inline(text, limit: 400) + "**"
        case .pr(let number): return MarkdownText.prLink(number, repo: repo)
        case .prTitle(let title): return MarkdownText.inline(title, limit: 160)
        case .code(let text): return MarkdownText.code(text)
        case .name(let text): return MarkdownText.inline(text, limit: 100)
        case .quote(let text, _): return "“" + MarkdownText.inline(text, limit: 240) + "”"
        case .link(let text, let url):
            guard let safe = MarkdownText.safeURL(url) else { return MarkdownText.inline(text) }
            return text == url ? "<\(safe)>" : "[\(MarkdownText.inline(text))](\(safe))"
        }
    }
}
