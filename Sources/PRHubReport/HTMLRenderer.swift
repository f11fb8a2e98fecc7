import PRHubModel

/// A report as one self-contained HTML page: the Markdown writer's sections converted to HTML, plus
/// charts drawn from the digest. Rendered from the digest alone.
public struct HTMLRenderer: Sendable {
    public var language: Language
    public var baseURL: String

    public init(language: Language, baseURL: String) {
        self.language = language
        self.baseURL = baseURL
    }

    public func render(_ digest: Digest) -> String {
        let markdown = MarkdownRenderer(language: language, baseURL: baseURL)
        let pick = language.pick
        let p = digest.period
        let slug = "\(p.start)-to-\(p.end)"
        let repo = HTMLText.escape(digest.repo)
        var body = "<nav><a href=\"/\(repo)\">\(pick("全部周报", "All weeks"))</a>"
            + "<a href=\"\(slug).md?lang=\(language.rawValue)\">Markdown</a><a href=\"\(slug).json?lang=\(language.rawValue)\">JSON</a>"
            + "<a href=\"\(slug)?lang=\(language == .zh ? "en" : "zh")\">\(language == .zh ? "English" : "中文")</a></nav>\n"
        body += "<header><h1>\(HTMLText.escape(markdown.title(digest)))</h1><div class=\"meta\">"
        body += "<p><strong>\(repo)</strong></p>"
        body += "<p>\(pick("周期", "Period")): \(p.start) \(pick("至", "to")) \(p.end) (\(HTMLText.escape(p.timeZone)))</p>"
        body += "<p>\(pick("来源 PR", "Source PRs")): \(digest.prCount) · \(pick("重点 PR", "Highlights")): \(digest.highlightCount) · \(pick("自动生成", "generated automatically"))</p>"
        body += "</div></header>\n"
        guard digest.prCount > 0 else {
            return HTMLPage.wrap(title: markdown.title(digest), language: language,
                body: body + MarkdownHTML.convert(markdown.emptyWeek(digest)))
        }
        for (index, section) in markdown.sections(digest).enumerated() {
            body += "<section id=\"\(section.id)\"><h2>\(index + 1). \(HTMLText.escape(section.title))</h2>\n"
            body += charts(for: section.id, digest)
            body += MarkdownHTML.convert(section.body) + "</section>\n"
        }
        return HTMLPage.wrap(title: "\(markdown.title(digest)) · \(digest.repo)", language: language, body: body)
    }

    func charts(for section: String, _ d: Digest) -> String {
        let pick = language.pick
        switch section {
        case "trends":
            return "<div class=\"charts\">"
                + SVGChart.bars(title: pick("标签分布", "Labels"), items: d.labels.map { ($0.name, $0.count) })
                + SVGChart.bars(title: pick("热门模块", "Busiest modules"), items: d.modules.map { ($0.name, $0.count) })
                + SVGChart.bars(title: pick("热点文件", "Hot files"), items: d.hotFiles.map { ($0.path, $0.count) })
                + SVGChart.bars(title: pick("活跃作者", "Top authors"), items: d.authors.map { ($0.name, $0.count) })
                + "</div>\n"
        case "risks":
            return SVGChart.bars(title: pick("风险信号", "Risk signals"),
                items: d.risks.map { (Wording.riskName($0.kind, language), $0.count) })
        default:
            return ""
        }
    }
}
