import PRHubModel

/// Writes a report document from the digest alone, in one language: short sections that fit a five-minute
/// read, and an appendix with every PR. Sentences are made from typed facts; an author's own words appear
/// only as quotations with their PR.
public struct TemplateWriter: Sendable {
    typealias Inline = ReportDocument.Inline
    typealias Block = ReportDocument.Block

    public var language: Language
    /// Where the website lives; the report links to `{baseURL}/{owner}/{repo}/reports/{start}-to-{end}`.
    public var baseURL: String

    public init(language: Language, baseURL: String) {
        self.language = language
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// How much of the week the numbered sections show: the writer starts rich and leans out until the
    /// main part fits the reading budget.
    struct Detail: Sendable {
        var themes: Int
        /// PRs described per theme, and PR links listed after them.
        var themePRs: Int
        var themeLinks: Int
        var risks: Int
        var briefs: Int
        var recommendations: Int
        var quotes: Bool

        static let levels: [Detail] = [
            .init(themes: 6, themePRs: 2, themeLinks: 6, risks: 5, briefs: 6, recommendations: 5, quotes: true),
            .init(themes: 6, themePRs: 2, themeLinks: 4, risks: 5, briefs: 5, recommendations: 5, quotes: false),
            .init(themes: 6, themePRs: 1, themeLinks: 4, risks: 4, briefs: 4, recommendations: 4, quotes: false),
            .init(themes: 6, themePRs: 1, themeLinks: 3, risks: 3, briefs: 3, recommendations: 3, quotes: false),
            .init(themes: 5, themePRs: 1, themeLinks: 2, risks: 3, briefs: 2, recommendations: 3, quotes: false),
        ]
    }

    /// The five-minute budget for a 250-PR week: visible characters of a Chinese main part, words of an
    /// English one. A smaller week gets a smaller budget: a base for the fixed parts (header sentences, six
    /// themes, a few briefs) plus a little per PR.
    public static let chineseCharacterBudget = 4_500
    public static let englishWordBudget = 900

    public static func budget(_ language: Language, prCount: Int) -> Int {
        language == .zh ? min(chineseCharacterBudget, 2_500 + 8 * prCount) : min(englishWordBudget, 550 + 7 * prCount / 5)
    }

    func fits(_ document: ReportDocument, prCount: Int) -> Bool {
        let reading = document.mainReading
        let used = language == .zh ? reading.visibleCharacters : reading.words
        return used <= Self.budget(language, prCount: prCount)
    }

    public func document(_ digest: Digest) -> ReportDocument {
        let facts = WeekFacts(digest)
        var document = ReportDocument(
            language: language, repo: digest.repo, title: title(digest), meta: meta(digest), sections: [], appendix: nil)
        let notice = coverageNotice(digest).map { ReportDocument.Block.paragraph([.text($0)]) }
        guard digest.prCount > 0 else {
            document.sections = [.init(id: .empty, title: "", blocks: [.paragraph([.text(emptyWeek(digest))])] + [notice].compactMap { $0 })]
            return document
        }
        for detail in Detail.levels {
            document.sections = sections(facts, detail)
            if fits(document, prCount: digest.prCount) { break }
        }
        if let notice { document.sections[0].blocks.insert(notice, at: 0) }
        document.appendix = appendix(facts)
        return document
    }

    func sections(_ facts: WeekFacts, _ detail: Detail) -> [ReportDocument.Section] {
        let template: [ReportDocument.Section] = [
            (ReportDocument.SectionID.summary, summary(facts)), (.changes, changes(facts, detail)), (.trends, trends(facts)),
            (.risks, risks(facts, detail)), (.highlights, briefs(facts, detail)), (.recommendations, recommendations(facts, detail)),
        ].map { .init(id: $0.0, title: sectionName($0.0), blocks: $0.1) }
        // A section the language model wrote (and the verifier accepted) replaces the template's.
        return template.map { section in
            guard let written = facts.digest.writer?.text(section.id.rawValue) else { return section }
            return .init(id: section.id, title: section.title, blocks: [.modelText(written)])
        }
    }

    var pick: (String, String) -> String { language.pick }

    /// The report's title line.
    public func title(_ digest: Digest) -> String {
        let p = digest.period
        if let week = p.week, let parsed = try? ISOWeek(week) {
            return pick(
                "\(parsed.year) 第 \(parsed.week) 周技术周报 (\(p.start.monthDay) 至 \(p.end.monthDay))",
                "Engineering weekly, \(parsed.year) week \(parsed.week) (\(Self.englishDay(p.start)) – \(Self.englishDay(p.end)))")
        }
        return pick("技术报告 (\(p.start) 至 \(p.end))", "Engineering report (\(p.start) – \(p.end))")
    }

    func meta(_ digest: Digest) -> [[Inline]] {
        let p = digest.period
        let url = "\(baseURL)/\(digest.repo)/reports/\(p.start)-to-\(p.end)"
        var lines: [[Inline]] = [
            [.strong(digest.repo)],
            [.text("\(pick("周期", "Period")): \(p.start) \(pick("至", "to")) \(p.end) (\(p.timeZone))")],
            [.text("\(pick("来源 PR", "Source PRs")): \(digest.prCount) · \(pick("重点 PR", "Highlights")): \(digest.highlightCount) · \(pick("自动生成", "generated automatically"))")],
            [.text("\(pick("原文链接", "Link")): "), .link(url, url: url)],
        ]
        if let writer = digest.writer { lines.append(writerLine(writer)) }
        return lines
    }

    /// Which sections a language model wrote, when one did.
    func writerLine(_ writer: WriterReport) -> [Inline] {
        let ids = writer.sections.map(\.id).filter { !$0.hasPrefix("brief-") }
        let briefs = writer.sections.filter { $0.id.hasPrefix("brief-") }.count
        let names = ids.compactMap { ReportDocument.SectionID(rawValue: $0) }.map(sectionName)
        let list = names.isEmpty ? pick("无", "none") : language.list(names)
        // What became of the rest, truthfully: rejected by the verifier, timed out, failed, or over budget.
        let rejected = writer.outcomes.filter { $0.status == .rejected }
        let findings = rejected.reduce(0) { $0 + $1.findings }
        var missed: [String] = []
        if !rejected.isEmpty { missed.append(pick("\(rejected.count) 节未通过核验（\(findings) 处问题）", "\(language.count(rejected.count, "", "section")) rejected by the verifier (\(language.count(findings, "", "finding")))")) }
        if writer.count(.timedOut) > 0 { missed.append(pick("\(writer.count(.timedOut)) 节等待模型超时", "\(writer.count(.timedOut)) timed out waiting for the model")) }
        if writer.count(.serverError) > 0 { missed.append(pick("\(writer.count(.serverError)) 节因服务器出错未写", "\(writer.count(.serverError)) not written (server error)")) }
        if writer.count(.overBudget) > 0 { missed.append(pick("\(writer.count(.overBudget)) 节超出词元预算", "\(writer.count(.overBudget)) over the token budget")) }
        let rest = missed.isEmpty
            ? pick("其余由模板生成。", "the rest by the template writer.")
            : pick("其余由模板生成：", "the rest by the template writer: ") + missed.joined(separator: pick("、", ", ")) + stop
        return [
            .text(pick("由模型 ", "Written by the model ")), .code(writer.model),
            .text(pick(" 撰写：\(list)；重点 PR 速览 \(briefs) 篇；", ": \(list); \(language.count(briefs, "", "highlight brief")); ") + rest),
        ]
    }

    func sectionName(_ id: ReportDocument.SectionID) -> String {
        switch id {
        case .summary: pick("执行摘要", "Executive summary")
        case .changes: pick("本周重点变化", "Key changes")
        case .trends: pick("模块与主题趋势", "Modules and trends")
        case .risks: pick("风险观察", "Risk observations")
        case .highlights: pick("重点 PR 速览", "Highlighted PRs")
        case .recommendations: pick("后续建议", "Recommendations")
        case .appendix: pick("附录", "Appendix")
        case .empty: ""
        }
    }

    static func englishDay(_ date: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[date.month - 1]) \(date.day)"
    }

    public func emptyWeek(_ digest: Digest) -> String {
        let commits = digest.directCommitCount
        return pick(
            "本周期内没有合并任何 PR" + (commits > 0 ? "，只有 \(commits) 个直接提交" : "") + "，因此没有可总结的变化、风险或建议。",
            "No pull request was merged in this period" + (commits > 0 ? " (only \(language.count(commits, "", "direct commit")))" : "")
                + ", so there are no changes, risks or recommendations to report.")
    }

    /// Says that the store has read only part of the period, when it has.
    func coverageNotice(_ digest: Digest) -> String? {
        guard let coverage = digest.coverage else { return nil }
        return pick(
            "注意：本报告只含已读取的仓库历史（" + (coverage.readFrom.map { "自 \($0) 起，" } ?? "") + "截至 \(coverage.readUntil)），"
                + "此范围之外合并的 PR 未计入。",
            "Note: this report holds only the history read from the clone (" + (coverage.readFrom.map { "from \($0) " } ?? "")
                + "until \(coverage.readUntil)); PRs merged outside it are not counted.")
    }

    /// `「title」` / `“title”`, its leading tags dropped and clipped: the title as its author wrote it.
    func quotedTitle(_ pr: Digest.PR, limit: Int = 70) -> [Inline] {
        var title = Substring(pr.title)
        while title.first == "[", let close = title.firstIndex(of: "]") {
            title = title[title.index(after: close)...].drop { $0 == " " || $0 == ":" }
        }
        let text = title.isEmpty ? pr.title : String(title)
        return [.text(pick("「", " “")), .prTitle(text.clipped(to: limit)), .text(pick("」", "”"))]
    }

    /// A sentence's end.
    var stop: String { pick("。", ". ") }
}
