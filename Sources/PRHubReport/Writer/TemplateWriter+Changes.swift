import PRHubModel

extension TemplateWriter {
    /// One short paragraph per theme: what it is made of, its weightiest PRs with what they do and the
    /// figures their authors claim, then the rest as links.
    func changes(_ facts: WeekFacts, _ detail: Detail) -> [Block] {
        let d = facts.digest
        var blocks: [Block] = []
        for theme in d.themes.prefix(detail.themes) {
            let prs = facts.ranked(theme.prs)
            blocks.append(.heading([.text(pick("\(Wording.themeTitle(theme, language))（\(prs.count) 个 PR）",
                "\(Wording.themeTitle(theme, language)) (\(language.count(prs.count, "", "PR")))"))]))
            var spans: [Inline] = composition(prs)
            for pr in prs.prefix(detail.themePRs) { spans += describe(pr, facts) }
            let rest = prs.dropFirst(detail.themePRs).map(\.number)
            if !rest.isEmpty { spans += more(rest, limit: detail.themeLinks) }
            blocks.append(.paragraph(spans))
        }
        let unthemed = d.prs.count - Set(d.themes.flatMap(\.prs)).count
        if unthemed > 0 || d.themes.count > detail.themes {
            let hidden = d.themes.dropFirst(detail.themes).reduce(0) { $0 + $1.prs.count } + unthemed
            blocks.append(.paragraph([.text(pick("另有 \(hidden) 个 PR 不属于以上主题，见附录。",
                "\(language.count(hidden, "", "other PR")) fall outside these themes; see the appendix."))]))
        }
        return blocks
    }

    /// "以修复（3）和新功能（2）为主。"
    func composition(_ prs: [Digest.PR]) -> [Inline] {
        guard prs.count >= 3 else { return [] }
        var counts: [ChangeKind: Int] = [:]
        for pr in prs where pr.kind != .other { counts[pr.kind, default: 0] += 1 }
        // Only kinds with two or more PRs say something about the theme.
        let top = counts.filter { $0.value >= 2 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }.prefix(2)
        guard !top.isEmpty else { return [] }
        let listed = language.list(top.map { pick("\(Wording.kindNoun($0.key, language))（\($0.value)）", "\(Wording.kindNoun($0.key, language)) (\($0.value))") })
        return [.text(pick("以\(listed)为主。", "Mostly \(listed). "))]
    }

    /// "#12「title」修复缺陷，作者报告吞吐 25%。"
    func describe(_ pr: Digest.PR, _ facts: WeekFacts) -> [Inline] {
        var spans: [Inline] = [.pr(pr.number)] + quotedTitle(pr, limit: 60)
        if let reverted = pr.reverts {
            spans += [.text(pick("回滚了 ", " reverts ")), .pr(reverted)]
        } else {
            spans.append(.text(pick("", " ") + Wording.whatItDoes(pr, language)))
        }
        if !pr.figures.isEmpty {
            spans.append(.text(pick("，作者报告\(Wording.figures(pr.figures, language))", "; the author reports \(Wording.figures(pr.figures, language))")))
        }
        if pr.breaking != nil { spans.append(.text(pick("，含不兼容变更", "; it breaks compatibility"))) }
        if let later = pr.revertedBy.first {
            spans += [.text(pick("，之后被 ", "; later reverted by ")), .pr(later), .text(pick(" 回滚", ""))]
        } else if let later = pr.fixedBy.first {
            spans += [.text(pick("，之后由 ", "; later fixed by ")), .pr(later), .text(pick(" 修复", ""))]
        }
        spans.append(.text(stop))
        return spans
    }

    /// "其余：#1、#2 等 7 个（见附录）。"
    func more(_ numbers: [Int], limit: Int) -> [Inline] {
        var spans: [Inline] = [.text(pick("其余：", "Also: "))]
        spans += Wording.joined(numbers.prefix(limit).map { [.pr($0)] }, language, closed: false)
        if numbers.count > limit {
            spans.append(.text(pick(" 等 \(numbers.count) 个（见附录）。", " and \(numbers.count - limit) more (see the appendix).")))
        } else {
            spans.append(.text(pick("。", ".")))
        }
        return spans
    }
}
