import PRHubModel

extension TemplateWriter {
    /// Four sentences at most: the week's size, where the work went, what to know first, the risk picture.
    func summary(_ facts: WeekFacts) -> [Block] {
        let d = facts.digest
        var spans: [Inline] = []
        let direct = d.directCommitCount > 0
            ? pick("（另有 \(d.directCommitCount) 个直接提交）", " (plus \(language.count(d.directCommitCount, "", "direct commit")))") : ""
        spans += [.text(pick("本周 ", "")), .code(d.repo),
            .text(pick(" 合并了 \(d.prCount) 个 PR\(direct)，其中 \(d.highlightCount) 个列为重点。",
                " merged \(language.count(d.prCount, "", "pull request"))\(direct); \(d.highlightCount) of them \(d.highlightCount == 1 ? "is" : "are") highlighted. "))]
        let themes = d.themes.prefix(3)
        if !themes.isEmpty {
            let listed = language.list(themes.map { theme in
                pick("「\(Wording.themeTitle(theme, language))」（\(theme.prs.count) 个）", "\(Wording.themeTitle(theme, language)) (\(theme.prs.count))")
            })
            spans.append(.text(pick("工作主要集中在\(listed)。", "Most of the work went into \(listed). ")))
        }
        spans += mustKnow(facts)
        if d.risks.isEmpty {
            spans.append(.text(pick("本周没有发现风险信号。", "No risk signal was found.")))
        } else {
            let flagged = Set(d.risks.flatMap(\.prs)).count
            let top = language.list(d.risks.prefix(2).map { "\(Wording.riskName($0.kind, language))（\($0.count)）" })
            spans.append(.text(pick("\(flagged) 个 PR 带有风险信号，最多的是\(top)，详见第 4 节。",
                "\(language.count(flagged, "", "PR")) \(flagged == 1 ? "carries" : "carry") risk signals, mostly \(top.replacingOccurrences(of: "（", with: " (").replacingOccurrences(of: "）", with: ")")); see section 4.")))
        }
        return [.paragraph(spans)]
    }

    /// Breaking changes, deprecations, releases (and their notes) and reverts of work that mattered: what a lead
    /// must know before anything else (three at most, the most important first). A revert of a script tweak
    /// (importance below 3) is no news.
    func mustKnow(_ facts: WeekFacts) -> [Inline] {
        var items: [[Inline]] = []
        for pr in facts.byWeight where items.count < 3 {
            if pr.breaking != nil || pr.impacts.contains(.breaking) {
                items.append([.pr(pr.number), .text(pick(" 含不兼容变更", " makes a breaking change"))])
            } else if pr.impacts.contains(.deprecation) {
                items.append([.pr(pr.number), .text(pick(" 弃用了用户在用的接口", " deprecates what users call"))])
            } else if pr.impacts.contains(.release) {
                items.append([.pr(pr.number), .text(pick(" 涉及发布或支持的版本", " changes a release or the versions supported"))])
            } else if pr.impacts.contains(.releaseNotes) {
                items.append([.pr(pr.number), .text(pick(" 发布了新版本的说明", " publishes the notes of a release"))])
            } else if pr.importance < 3 {
                continue
            } else if let reverted = pr.reverts {
                items.append([.pr(pr.number), .text(pick(" 回滚了 ", " reverts ")), .pr(reverted)])
            } else if !pr.revertedBy.isEmpty {
                items.append([.pr(pr.number), .text(pick(" 之后被 ", " was later reverted by ")), .pr(pr.revertedBy[0]), .text(pick(" 回滚", ""))])
            }
        }
        guard !items.isEmpty else { return [] }
        var spans: [Inline] = [.text(pick("需要先知道的是：", "Know first: "))]
        for (index, item) in items.enumerated() {
            if index > 0 { spans.append(.text(pick("；", "; "))) }
            spans += item
        }
        spans.append(.text(pick("。", ". ")))
        return spans
    }
}
