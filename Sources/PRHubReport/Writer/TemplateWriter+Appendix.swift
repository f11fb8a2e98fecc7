import PRHubModel

extension TemplateWriter {
    /// Every PR of the week with its labels, scores, theme, risk findings and evidence; the themes with all
    /// their PRs; the results authors claimed, in their words.
    func appendix(_ facts: WeekFacts) -> ReportDocument.Section {
        let d = facts.digest
        let wording = RiskWording(language: language)
        var blocks: [Block] = [.paragraph([.text(pick("本周全部 \(d.prCount) 个 PR，按编号排列。", "All \(language.count(d.prCount, "", "PR")) of the week, by number."))])]
        let header = [pick("PR", "PR"), pick("标题", "Title"), pick("作者", "Author"), pick("标签", "Labels"), pick("主题", "Theme"),
            pick("重要性/洞察", "Importance/insight"), pick("改动", "Size"), pick("风险与依据", "Risks and evidence"), pick("后续", "Afterwards")]
        let rows: [[[Inline]]] = d.prs.sorted { $0.number < $1.number }.map { pr in
            var risks: [Inline] = []
            for (index, finding) in pr.evidence.enumerated() {
                if index > 0 { risks.append(.text(pick("；", "; "))) }
                risks.append(.strong(Wording.riskName(finding.kind, language)))
                risks.append(.text(pick("：", ": ")))
                risks += wording.evidence(finding, pr: pr.number)
            }
            let theme = facts.themeOf[pr.number].map { Wording.themeTitle($0, language) } ?? "—"
            return [
                [.pr(pr.number)], [.prTitle(pr.title)], [.name(pr.login ?? pr.author)],
                [.text(pr.labels.isEmpty ? "—" : pr.labels.joined(separator: ", "))], [.text(theme)],
                [.text("\(pr.importance)/\(pr.insight)")], [.text(pr.sizeKnown ? "+\(pr.additions)/−\(pr.deletions)" : pick("未知", "unknown"))],
                risks.isEmpty ? [.text("—")] : risks,
                afterwards(pr),
            ]
        }
        blocks.append(.table(header: header, rows: rows))
        if !d.themes.isEmpty {
            blocks.append(.heading([.text(pick("主题与其 PR", "Themes and their PRs"))]))
            blocks.append(.list(d.themes.map { theme in
                [.strong(Wording.themeTitle(theme, language)), .text(pick("：", ": "))] + Wording.prs(theme.prs, language)
            }))
        }
        let claimed = d.prs.filter { !$0.claims.isEmpty }
        if !claimed.isEmpty {
            blocks.append(.heading([.text(pick("作者给出的结果", "Results the authors claim"))]))
            blocks.append(.list(claimed.map { pr in
                [.pr(pr.number), .text(pick("：", ": "))] + pr.claims.prefix(2).flatMap { [Inline.quote($0, pr: pr.number), .text(" ")] }
            }))
        }
        return .init(id: .appendix, title: sectionName(.appendix), blocks: blocks)
    }

    /// Later work that reverted or fixed the PR: `reverted by #55; fixed by #51`.
    func afterwards(_ pr: Digest.PR) -> [Inline] {
        var spans: [Inline] = []
        if !pr.revertedBy.isEmpty { spans += [.text(pick("被回滚：", "reverted by "))] + Wording.prs(pr.revertedBy, language) }
        if !pr.fixedBy.isEmpty {
            if !spans.isEmpty { spans.append(.text(pick("；", "; "))) }
            spans += [.text(pick("被修复：", "fixed by "))] + Wording.prs(pr.fixedBy, language)
        }
        return spans.isEmpty ? [.text("—")] : spans
    }
}
