import PRHubModel

/// A report document as one self-contained HTML page. Every piece of text passes through `HTMLText` here.
public struct HTMLSerializer: Sendable {
    /// Where the page's navigation points: beside it on the website, or to the site's absolute addresses
    /// (a page saved with `--out` and opened as a file).
    public enum Links: Sendable { case site, absolute(baseURL: String) }

    public var links: Links

    public init(links: Links = .site) { self.links = links }

    public func serialize(_ document: ReportDocument, slug: String) -> String {
        let lang = document.language
        let repo = HTMLText.escape(document.repo)
        let other = lang == .zh ? "en" : "zh"
        // Addresses with the language in the name exist on the server and in a static copy of the site alike.
        let prefix: String
        switch links {
        case .site: prefix = "/\(repo)/reports/"
        case .absolute(let base): prefix = HTMLText.safeURL("\(base)/\(document.repo)/reports/") ?? ""
        }
        let archive: String
        switch links {
        case .site: archive = "/\(repo)"
        case .absolute(let base): archive = HTMLText.safeURL("\(base)/\(document.repo)") ?? "#"
        }
        var body = "<nav><a href=\"\(archive)\">\(lang.pick("全部周报", "All weeks"))</a>"
            + "<a href=\"\(prefix)\(slug).\(lang.rawValue).md\">Markdown</a><a href=\"\(prefix)\(slug).json\">JSON</a>"
            + "<a href=\"\(prefix)\(slug).\(other).html\">\(lang == .zh ? "English" : "中文")</a></nav>\n"
        body += "<header><h1>\(HTMLText.escape(document.title))</h1><div class=\"meta\">"
        for line in document.meta { body += "<p>\(inlines(line, document.repo))</p>" }
        body += "</div></header>\n"
        for (index, section) in document.sections.enumerated() {
            let heading = section.id == .empty ? "" : "<h2>\(index + 1). \(HTMLText.escape(section.title))</h2>\n"
            body += "<section id=\"\(section.id.rawValue)\">\(heading)" + blocks(section.blocks, document.repo) + "</section>\n"
        }
        if let appendix = document.appendix {
            body += "<section id=\"appendix\"><details><summary><h2>\(HTMLText.escape(appendix.title))</h2></summary>\n"
                + blocks(appendix.blocks, document.repo) + "</details></section>\n"
        }
        return HTMLPage.wrap(title: "\(document.title) · \(document.repo)", language: lang, body: body)
    }

    func blocks(_ blocks: [ReportDocument.Block], _ repo: String) -> String {
        blocks.map { block($0, repo) }.joined()
    }

    func block(_ block: ReportDocument.Block, _ repo: String) -> String {
        switch block {
        case .paragraph(let spans): return "<p>\(inlines(spans, repo))</p>\n"
        case .heading(let spans): return "<h3>\(inlines(spans, repo))</h3>\n"
        case .list(let items): return "<ul>\n" + items.map { "<li>\(inlines($0, repo))</li>\n" }.joined() + "</ul>\n"
        case .table(let header, let rows):
            var out = "<div class=\"table\"><table>\n<thead><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in rows { out += "<tr>" + row.map { "<td>\(inlines($0, repo))</td>" }.joined() + "</tr>\n" }
            return out + "</tbody></table></div>\n"
        case .chart(let title, let items):
            return SVGChart.bars(title: title, items: items.map { ($0.label, $0.value) }) + "\n"
        case .details(let summary, let inner):
            return "<details><summary>\(inlines(summary, repo))</summary>\n" + blocks(inner, repo) + "</details>\n"
        case .modelText(let text): return MarkdownHTML.convert(MarkdownText.modelText(text))
        }
    }

    func inlines(_ spans: [ReportDocument.Inline], _ repo: String) -> String {
        spans.map { inline($0, repo) }.joined()
    }

    func inline(_ span: ReportDocument.Inline, _ repo: String) -> String {
        switch span {
        case .text(let text): return HTMLText.escape(text)
        case .strong(let text): return "<strong>\(HTMLText.escape(text))</strong>"
        case .pr(let number):
            return "<a href=\"https://github.com/\(HTMLText.escape(repo))/pull/\(number)\">#\(number)</a>"
        case .prTitle(let title): return "<cite>\(HTMLText.escape(title.clipped(to: 160)))</cite>"
        case .code(let text): return "<code>\(HTMLText.escape(text))</code>"
        case .name(let text): return HTMLText.escape(text.clipped(to: 100))
        case .quote(let text, _): return "<q>\(HTMLText.escape(text.clipped(to: 240)))</q>"
        case .link(let text, let url):
            guard let safe = HTMLText.safeURL(url) else { return HTMLText.escape(text) }
            return "<a href=\"\(safe)\">\(HTMLText.escape(text))</a>"
        }
    }
}
