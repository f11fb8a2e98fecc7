import PRHubModel

extension TemplateWriter {
    /// The weightiest highlights, each in a few lines: the facts, what it is and why it matters, what
    /// review settled, and the author's own words as a quotation.
    func briefs(_ facts: WeekFacts, _ detail: Detail) -> [Block] {
        let d = facts.digest
        var blocks: [Block] = []
        let shown = d.highlights.prefix(detail.briefs).compactMap(facts.pr)
        for pr in shown {
            blocks.append(.heading([.pr(pr.number)] + quotedTitle(pr, limit: 90)))
            if let written = d.writer?.text("brief-\(pr.number)") {
                blocks.append(.modelText(written))
                continue
            }
            var spans: [Inline] = [.name("@" + (pr.login ?? pr.author)),
                .text(" · +\(pr.additions)/−\(pr.deletions) · \(language.count(pr.files.count, "个文件", "file")) · "
                    + pick("重要性 \(pr.importance)/5", "importance \(pr.importance)/5") + pick("。", ". "))]
            spans += why(pr, facts)
            if let review = pr.review { spans += reviewSentence(review) }
            blocks.append(.paragraph(spans))
            // The model's reading of the PR, checked against its facts, in the report's language: it says
            // in Chinese what the author's English words would only quote.
            if let analysis = d.writer?.analysis(pr.number) {
                blocks.append(.paragraph([.text(pick("模型解读：", "The model's reading: ") + analysis.summary(language))]))
                continue
            }
            if detail.quotes, !pr.summary.isEmpty {
                blocks.append(.paragraph([.text(pick("作者原话：", "In the author's words: ")), .quote(pr.summary, pr: pr.number)]))
            }
        }
        let rest = d.highlights.dropFirst(detail.briefs)
        if !rest.isEmpty {
            blocks.append(.paragraph([.text(pick("其余重点 PR：", "Other highlights: "))] + Wording.prs(Array(rest), language)
                + [.text(pick("（见附录）。", " (see the appendix)."))]))
        }
        return blocks
    }

    /// What it is and why it matters, from its facts: kind and theme, figures, breaking, links, risks.
    func why(_ pr: Digest.PR, _ facts: WeekFacts) -> [Inline] {
        var spans: [Inline] = []
        let kind = Wording.whatItDoes(pr, language)
        if let theme = facts.themeOf[pr.number] {
            spans.append(.text(pick("属于「\(Wording.themeTitle(theme, language))」，\(kind)", "Part of \(Wording.themeTitle(theme, language)); it \(kind)")))
        } else {
            spans.append(.text(pick("这个 PR \(kind)", "It \(kind)")))
        }
        let modules = pr.modules.filter { !$0.hasPrefix("(") }
        if !modules.isEmpty {
            spans.append(.text(pick("，涉及模块 ", ", in ")))
            spans += Wording.codes(modules, language, limit: 2)
        }
        spans.append(.text(stop))
        if !pr.figures.isEmpty {
            spans.append(.text(pick("作者报告\(Wording.figures(pr.figures, language))。", "The author reports \(Wording.figures(pr.figures, language)). ")))
        }
        if pr.breaking != nil {
            spans.append(.text(pick("描述中声明了不兼容变更。", "Its description announces a breaking change. ")))
        } else if pr.userFacing != nil {
            spans.append(.text(pick("描述中说明了用户可见的变化。", "Its description says users will see a change. ")))
        }
        if let reverted = pr.reverts {
            spans += [.text(pick("它回滚了 ", "It reverts ")), .pr(reverted), .text(stop)]
        } else if !pr.fixes.isEmpty {
            spans += [.text(pick("它修复了 ", "It repairs "))] + Wording.prs(pr.fixes, language) + [.text(pick(" 引入的问题。", ". "))]
        }
        if !pr.revertedBy.isEmpty {
            spans += [.text(pick("之后被 ", "It was later reverted by "))] + Wording.prs(pr.revertedBy, language) + [.text(pick(" 回滚。", ". "))]
        } else if !pr.fixedBy.isEmpty {
            spans += [.text(pick("之后由 ", "It was later fixed by "))] + Wording.prs(pr.fixedBy, language) + [.text(pick(" 修复。", ". "))]
        }
        if !pr.risks.isEmpty {
            let names = language.list(pr.risks.map { Wording.riskName($0, language) })
            spans.append(.text(pick("风险信号：\(names)。", "Risk signals: \(names). ")))
        }
        return spans
    }

    /// Who reviewed, what they decided, how many threads stayed open, and the first open thread's words.
    func reviewSentence(_ review: Digest.Review) -> [Inline] {
        var spans: [Inline] = []
        if review.reviewers.isEmpty {
            spans.append(.text(pick("没有人工评审记录。", "No human review on record. ")))
            return spans
        }
        spans.append(.text(pick("评审：", "Reviewed by ")))
        spans += Wording.joined(review.reviewers.prefix(3).map { [.name("@" + $0)] }, language, closed: false)
        var facts: [String] = []
        if review.approvals > 0 { facts.append(pick("\(review.approvals) 个批准", language.count(review.approvals, "", "approval"))) }
        if review.changesRequested > 0 { facts.append(pick("\(review.changesRequested) 个修改请求未撤回", "\(language.count(review.changesRequested, "", "change request")) standing")) }
        if review.threads > 0 {
            let open = review.unresolvedThreads > 0 ? pick("，\(review.unresolvedThreads) 个未解决", ", \(review.unresolvedThreads) unresolved") : ""
            facts.append(pick("\(review.threads) 个讨论\(open)", "\(language.count(review.threads, "", "thread"))\(open)"))
        }
        spans.append(.text(facts.isEmpty ? "" : pick("；", "; ") + facts.joined(separator: pick("，", ", "))))
        let files = review.threadFiles.prefix(2).map(\.path)
        if !files.isEmpty { spans += [.text(pick("，讨论集中在 ", ", on "))] + Wording.codes(files, language, limit: 2) }
        spans.append(.text(stop))
        if let open = review.discussion.first(where: { $0.resolved == false }) ?? review.discussion.first {
            spans += [.name("@" + open.author), .text(pick(open.resolved == false ? "（未解决）：" : "：", open.resolved == false ? " (unresolved): " : ": ")),
                .quote(open.text, pr: nil)]
        }
        return spans
    }
}
