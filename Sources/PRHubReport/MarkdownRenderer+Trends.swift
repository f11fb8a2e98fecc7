import PRHubModel

extension MarkdownRenderer {
    func trends(_ d: Digest) -> String {
        var out = ""
        let modules = Array(d.modules.prefix(6))
        if let first = modules.first {
            out += "### \(pick("热门模块", "Busiest modules"))\n\n"
            let listed = language.list(modules.map { "\(MarkdownText.code($0.name)) (\($0.count))" })
            if first.count * 2 >= d.prCount {
                out += pick("改动高度集中：\(MarkdownText.code(first.name)) 一个模块就被 \(first.count) 个 PR 触及。按 PR 数排列：\(listed)。\n\n",
                    "Work was concentrated: \(MarkdownText.code(first.name)) alone was touched by \(first.count) PRs. By PR count: \(listed).\n\n")
            } else {
                out += pick("按触及的 PR 数排列，最活跃的模块是 \(listed)。\n\n",
                    "By number of PRs touching them, the busiest modules were \(listed).\n\n")
            }
        }
        if !d.hotFiles.isEmpty {
            out += "### \(pick("热点文件", "Hot files"))\n\n"
            out += "| \(pick("文件", "File")) | \(pick("PR 数", "PRs")) |\n| --- | ---: |\n"
            for file in d.hotFiles.prefix(10) {
                out += "| \(MarkdownText.code(file.path).replacingOccurrences(of: "|", with: "\\|")) | \(file.count) |\n"
            }
            out += "\n"
        }
        if !d.labels.isEmpty {
            out += "### \(pick("标签分布", "Labels"))\n\n"
            out += d.labels.prefix(12).map { "\(MarkdownText.inline($0.name)) \($0.count)" }.joined(separator: " · ") + "\n\n"
            let unlabeled = d.prs.filter { $0.labels.isEmpty }.count
            if unlabeled > 0 {
                out += pick("另有 \(unlabeled) 个 PR 没有标签。\n\n", "\(unlabeled) PRs carried no label.\n\n")
            }
        }
        if !d.authors.isEmpty {
            out += "### \(pick("活跃作者", "Top authors"))\n\n"
            for author in d.authors.prefix(8) {
                let focus = author.focus.isEmpty ? "" : pick("，主要涉及 ", ", mostly ") + language.list(author.focus.map { MarkdownText.inline($0) })
                out += "- **\(MarkdownText.inline(author.name))**: \(author.count) \(pick("个 PR", author.count == 1 ? "PR" : "PRs"))\(focus)\n"
            }
            if d.authors.count > 8 {
                out += pick("\n共有 \(d.authors.count) 位作者参与。\n", "\n\(d.authors.count) authors contributed in all.\n")
            }
        }
        if let reviewers = d.reviewers, !reviewers.isEmpty {
            let reviewed = d.prs.filter { !($0.review?.reviewers.isEmpty ?? true) }.count
            let synced = d.prs.filter { $0.review != nil }.count
            out += "\n### \(pick("活跃评审者", "Top reviewers"))\n\n"
            out += reviewers.prefix(8).map { "@\(MarkdownText.inline($0.name)) \($0.count)" }.joined(separator: " · ") + "\n\n"
            out += pick("\(synced) 个有 GitHub 数据的 PR 中，\(reviewed) 个有人工评审。\n",
                "\(reviewed) of the \(synced) PRs with GitHub data had human review.\n")
        }
        return out
    }
}
