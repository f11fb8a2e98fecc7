import PRHubModel

extension MarkdownRenderer {
    func summary(_ d: Digest) -> String {
        var sentences: [String] = []
        let direct = d.directCommitCount > 0
            ? pick("（另有 \(d.directCommitCount) 个直接提交）", " (plus \(language.count(d.directCommitCount, "", "direct commit")))") : ""
        sentences.append(pick(
            "本周 \(MarkdownText.inline(d.repo)) 共合并 \(d.prCount) 个 PR\(direct)，其中 \(d.highlightCount) 个列为重点，重点 PR 的平均重要性 \(d.averageImportance)、平均洞察度 \(d.averageInsight)。",
            "\(MarkdownText.inline(d.repo)) merged \(d.prCount) pull requests this week\(direct); \(d.highlightCount) of them are highlighted, with an average importance of \(d.averageImportance) and insight of \(d.averageInsight)."))

        let top = Array(d.labels.prefix(4))
        if let first = top.first {
            let listed = language.list(top.map { "\(MarkdownText.inline($0.name)) \($0.count)" })
            if first.name == "bugfix" && first.count * 3 >= d.prCount {
                sentences.append(pick("修复类改动占了大头，标签以 \(listed) 为主，说明团队把不少精力放在稳定性上。",
                    "Fixes dominate: the leading labels are \(listed), so much of the effort went into stability."))
            } else if ["performance", "kernel", "ops"].contains(first.name) {
                sentences.append(pick("性能工作走在最前，标签依次为 \(listed)。",
                    "Performance work leads the week; the top labels are \(listed)."))
            } else if ["ci", "test"].contains(first.name) {
                sentences.append(pick("工程基础设施占比最高，标签依次为 \(listed)，产品代码的变化相对分散。",
                    "Engineering infrastructure took the largest share (\(listed)); product changes were spread thinner."))
            } else {
                sentences.append(pick("标签分布以 \(listed) 为主。", "The most common labels were \(listed)."))
            }
        }
        if let theme = d.themes.first {
            let second = d.themes.count > 1 ? d.themes[1] : nil
            sentences.append(pick(
                "最大的主题是「\(theme.title)」(\(theme.prs.count) 个 PR)" + (second.map { "，其次是「\($0.title)」(\($0.prs.count) 个)" } ?? "") + "。",
                "The largest theme is \"\(theme.title)\" (\(theme.prs.count) PRs)" + (second.map { ", followed by \"\($0.title)\" (\($0.prs.count))" } ?? "") + "."))
        }
        if d.risks.isEmpty {
            sentences.append(pick("本周没有检测到风险信号。", "No risk signal was detected this week."))
        } else {
            let listed = language.list(d.risks.prefix(3).map {
                pick("\(Wording.riskName($0.kind, language)) \($0.count) 个", "\(Wording.riskName($0.kind, language)) (\(language.count($0.count, "", "PR")))")
            })
            let revert = d.risks.dropFirst(3).first { $0.kind == .revert }
            let tail = revert.map { pick("；另有 \($0.count) 个回滚", "; there were also \(language.count($0.count, "", "revert"))") } ?? ""
            sentences.append(pick("风险信号以\(listed)居多\(tail)，详见第 4 节。",
                "The most frequent risk signals were \(listed)\(tail); see section 4."))
        }
        let active = d.authors.prefix(2).filter { $0.count >= 2 }
        if !active.isEmpty {
            let names = language.list(active.map { "\(MarkdownText.inline($0.name)) (\($0.count))" })
            sentences.append(pick("最活跃的贡献者是 \(names)。", "The most active contributors were \(names)."))
        }
        return sentences.joined(separator: pick("", " ")) + "\n"
    }
}
