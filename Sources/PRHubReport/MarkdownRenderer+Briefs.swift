import PRHubModel

extension MarkdownRenderer {
    func briefs(_ d: Digest) -> String {
        var out = ""
        for number in d.highlights {
            guard let pr = d.pr(number) else { continue }
            out += "### \(link(pr.number, d)) \(plainTitle(pr))\n\n"
            let date = String(pr.mergedAt.prefix(10))
            let labels = pr.labels.isEmpty ? "" : " · " + pr.labels.map { MarkdownText.inline($0) }.joined(separator: ", ")
            out += "\(MarkdownText.inline(pr.author)) · \(date) · +\(pr.additions)/−\(pr.deletions) · \(pr.files.count) \(pick("个文件", pr.files.count == 1 ? "file" : "files")) · "
                + pick("重要性 \(pr.importance)/5 · 洞察 \(pr.insight)/5", "importance \(pr.importance)/5 · insight \(pr.insight)/5") + labels + "\n\n"
            if let written = d.writer?.text("brief-\(pr.number)") {
                out += MarkdownText.modelText(written) + "\n"
            } else {
                let what = pr.summary.isEmpty ? plainTitle(pr) : MarkdownText.inline(pr.summary, limit: 400)
                out += "- **\(pick("做了什么", "What it does"))**: \(what)\n"
                out += "- **\(pick("为什么值得看", "Why it matters"))**: \(reasons(pr, d))\n"
            }
            if let breaking = pr.breaking {
                out += "- **\(pick("不兼容变更", "Breaking change"))**: \(MarkdownText.inline(breaking))\n"
            } else if let userFacing = pr.userFacing {
                out += "- **\(pick("用户可见的变化", "User-facing change"))**: \(MarkdownText.inline(userFacing))\n"
            }
            if !pr.revertedBy.isEmpty || !pr.fixedBy.isEmpty {
                let later = pr.revertedBy.isEmpty ? pick("后来被 \(links(pr.fixedBy, d)) 修复", "later fixed by \(links(pr.fixedBy, d))")
                    : pick("后来被 \(links(pr.revertedBy, d)) 回滚", "later reverted by \(links(pr.revertedBy, d))")
                out += "- **\(pick("后续", "Afterwards"))**: \(later)\n"
            }
            if let review = pr.review { out += reviewLines(review) }
            let risks = pr.evidence.map { "\(Wording.riskName($0.kind, language)) (\(linked($0.evidence, d)))" }
            out += "- **\(pick("风险", "Risks"))**: " + (risks.isEmpty ? pick("未发现风险信号。", "none detected.") : risks.joined(separator: "; ")) + "\n\n"
        }
        return out
    }

    /// Who reviewed, what they decided, and the words of the threads that mattered (open ones first).
    func reviewLines(_ review: Digest.Review) -> String {
        var facts: [String] = []
        if review.reviewers.isEmpty {
            facts.append(pick("没有人工评审记录", "no human review on record"))
        } else {
            let names = review.reviewers.prefix(5).map { "@" + MarkdownText.inline($0) }
            let more = review.reviewers.count > 5 ? pick(" 等 \(review.reviewers.count) 人", " and \(review.reviewers.count - 5) more") : ""
            facts.append(pick("评审：", "reviewed by ") + language.list(Array(names)) + more)
        }
        if review.approvals > 0 { facts.append(pick("\(review.approvals) 个批准", "\(review.approvals) \(review.approvals == 1 ? "approval" : "approvals")")) }
        if review.changesRequested > 0 {
            facts.append(pick("\(review.changesRequested) 个修改请求未撤回", "\(review.changesRequested) change \(review.changesRequested == 1 ? "request" : "requests") still standing"))
        }
        if review.threads > 0 {
            let open = review.unresolvedThreads > 0 ? pick("（\(review.unresolvedThreads) 个未解决）", " (\(review.unresolvedThreads) unresolved)") : ""
            let files = review.threadFiles.prefix(3).map { MarkdownText.code($0.path) }
            let about = files.isEmpty ? "" : pick("，涉及 ", " on ") + language.list(files)
            facts.append(pick("\(review.threads) 个评审讨论\(open)\(about)", "\(review.threads) review \(review.threads == 1 ? "thread" : "threads")\(open)\(about)"))
        }
        if review.botReviews > 0 { facts.append(pick("另有 \(review.botReviews) 条机器人评审", "plus \(review.botReviews) bot \(review.botReviews == 1 ? "review" : "reviews")")) }
        var out = "- **\(pick("评审", "Review"))**: " + facts.joined(separator: pick("；", "; ")) + "\n"
        for excerpt in review.discussion.prefix(2) {
            let state = excerpt.resolved == false ? pick("（未解决）", " (unresolved)") : ""
            let place = excerpt.path.map { " " + MarkdownText.code($0) } ?? ""
            var line = "  - @\(MarkdownText.inline(excerpt.author))\(place)\(state): “\(MarkdownText.inline(excerpt.text, limit: 240))”"
            if let reply = excerpt.reply { line += pick(" → 回复：“", " → reply: “") + MarkdownText.inline(reply, limit: 160) + "”" }
            out += line + "\n"
        }
        return out
    }

    /// Why a highlight matters, from its facts: core files, breadth, size, claims and links to other PRs.
    func reasons(_ pr: Digest.PR, _ d: Digest) -> String {
        var parts: [String] = []
        if let core = pr.evidence.first(where: { $0.kind == .corePath }) {
            parts.append(pick("改动了核心路径（\(MarkdownText.inline(core.evidence, limit: 200))）",
                "it changes the core path (\(MarkdownText.inline(core.evidence, limit: 200)))"))
        }
        if pr.modules.count >= 3 {
            parts.append(pick("横跨 \(pr.modules.count) 个模块", "it spans \(pr.modules.count) modules"))
        }
        if pr.additions + pr.deletions >= 500 {
            parts.append(pick("规模较大（+\(pr.additions)/−\(pr.deletions)）", "it is large (+\(pr.additions)/−\(pr.deletions))"))
        }
        if let reverted = pr.reverts {
            parts.append(pick("回滚了 \(link(reverted, d))", "it reverts \(link(reverted, d))"))
        }
        if !pr.fixes.isEmpty {
            parts.append(pick("修复了之前的 \(links(pr.fixes, d))", "it fixes earlier work in \(links(pr.fixes, d))"))
        }
        if let claim = pr.claims.first {
            parts.append(pick("作者给出了量化结果：“\(MarkdownText.inline(claim, limit: 200))”",
                "the author reports a measured result: “\(MarkdownText.inline(claim, limit: 200))”"))
        }
        if let theme = d.themes.first(where: { $0.prs.contains(pr.number) }) {
            parts.append(pr.importance >= 3
                ? pick("是「\(theme.title)」主题中最值得看的改动之一", "it is among the most consequential changes in \"\(theme.title)\"")
                : pick("代表了「\(theme.title)」这一主题", "it represents the theme \"\(theme.title)\""))
        }
        guard let first = parts.first else { return "" }
        if language == .zh { return parts.joined(separator: "；") + "。" }
        let sentence = ([first.prefix(1).uppercased() + first.dropFirst()] + parts.dropFirst()).joined(separator: "; ")
        return sentence + "."
    }
}
