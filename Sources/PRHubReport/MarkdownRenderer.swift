import Foundation
import PRHubModel

/// Writes a report as Markdown from the digest alone: every number it prints is one of the digest's.
public struct MarkdownRenderer: Sendable {
    public var language: Language
    /// Where the website lives; the report links to `{baseURL}/{owner}/{repo}/reports/{start}-to-{end}`.
    public var baseURL: String

    public init(language: Language, baseURL: String) {
        self.language = language
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    public func render(_ digest: Digest) -> String {
        var out = header(digest)
        if digest.prCount == 0 {
            out += emptyWeek(digest)
            return out
        }
        for (number, section) in sections(digest).enumerated() {
            out += self.section(number + 1, section.title, section.body)
        }
        return out
    }

    /// The six sections as (title, Markdown body), shared with the HTML renderer.
    public func sections(_ digest: Digest) -> [(id: String, title: String, body: String)] {
        let template: [(id: String, title: String, body: String)] = [
            ("summary", language.pick("执行摘要", "Executive summary"), summary(digest)),
            ("changes", language.pick("本周重点变化", "Key changes"), keyChanges(digest)),
            ("trends", language.pick("模块与主题趋势", "Modules and trends"), trends(digest)),
            ("risks", language.pick("风险观察", "Risk observations"), risks(digest)),
            ("highlights", language.pick("重点 PR 速览", "Highlighted PRs"), briefs(digest)),
            ("recommendations", language.pick("后续建议", "Recommendations"), recommendations(digest)),
        ]
        // A section the language model wrote (and the verifier accepted) replaces the template's.
        return template.map { section in
            guard let written = digest.writer?.text(section.id) else { return section }
            return (section.id, section.title, MarkdownText.modelText(written))
        }
    }

    /// The report's title line, without Markdown.
    public func title(_ digest: Digest) -> String {
        let p = digest.period
        if let week = p.week, let parsed = try? ISOWeek(week) {
            return pick(
                "\(parsed.year) 第 \(parsed.week) 周技术周报 (\(p.start.monthDay) 至 \(p.end.monthDay))",
                "Engineering weekly, \(parsed.year) week \(parsed.week) (\(englishDay(p.start)) – \(englishDay(p.end)))")
        }
        return pick("技术报告 (\(p.start) 至 \(p.end))", "Engineering report (\(p.start) – \(p.end))")
    }

    var pick: (String, String) -> String { language.pick }

    func section(_ number: Int, _ title: String, _ body: String) -> String {
        "## \(number). \(title)\n\n\(body.trimmingCharacters(in: .whitespacesAndNewlines))\n\n"
    }

    func link(_ number: Int, _ digest: Digest) -> String { MarkdownText.prLink(number, repo: digest.repo) }

    func links(_ numbers: [Int], _ digest: Digest) -> String { language.list(numbers.map { link($0, digest) }) }

    /// A PR's title, escaped, without its leading tags (`[BugFix][Model]`), which the labels already show.
    func plainTitle(_ pr: Digest.PR) -> String {
        var title = Substring(pr.title)
        while title.first == "[", let close = title.firstIndex(of: "]") {
            title = title[title.index(after: close)...].drop { $0 == " " || $0 == ":" }
        }
        return MarkdownText.inline(title.isEmpty ? pr.title : String(title), limit: 160)
    }

    func header(_ digest: Digest) -> String {
        let p = digest.period
        let title = self.title(digest)
        let url = "\(baseURL)/\(digest.repo)/reports/\(p.start)-to-\(p.end)"
        return """
            # \(title)

            **\(MarkdownText.inline(digest.repo))**

            \(pick("周期", "Period")): \(p.start) \(pick("至", "to")) \(p.end) (\(MarkdownText.inline(p.timeZone)))

            \(pick("来源 PR", "Source PRs")): \(digest.prCount) · \(pick("重点 PR", "Highlights")): \(digest.highlightCount) · \(pick("自动生成", "generated automatically"))

            \(pick("原文链接", "Link")): <\(url)>\(writerLine(digest))


            """
    }

    /// Which sections a language model wrote, when one did.
    func writerLine(_ digest: Digest) -> String {
        guard let writer = digest.writer else { return "" }
        let ids = writer.sections.map(\.id).filter { !$0.hasPrefix("brief-") }
        let briefs = writer.sections.filter { $0.id.hasPrefix("brief-") }.count
        let names = ids.compactMap { id in sections(.placeholder(repo: digest.repo, period: .init(placeholderFrom: digest.period))).first { $0.id == id }?.title }
        return "\n\n" + pick(
            "由模型 \(MarkdownText.inline(writer.model)) 撰写：\(names.isEmpty ? "无" : language.list(names))；重点 PR 速览 \(briefs) 篇；其余由模板生成，核验发现 \(writer.findings.count) 处问题。",
            "Written by the model \(MarkdownText.inline(writer.model)): \(names.isEmpty ? "none" : language.list(names)); \(briefs) highlight briefs; the rest by the template writer. The verifier raised \(writer.findings.count) findings.")
    }

    func englishDay(_ date: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[date.month - 1]) \(date.day)"
    }

    public func emptyWeek(_ digest: Digest) -> String {
        let commits = digest.directCommitCount
        return pick(
            "本周期内没有合并任何 PR" + (commits > 0 ? "，只有 \(commits) 个直接提交" : "") + "，因此没有可总结的变化、风险或建议。\n",
            "No pull request was merged in this period" + (commits > 0 ? " (only \(commits) direct commits)" : "")
                + ", so there are no changes, risks or recommendations to report.\n")
    }
}
