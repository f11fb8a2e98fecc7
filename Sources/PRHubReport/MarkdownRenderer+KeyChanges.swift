import PRHubModel

extension MarkdownRenderer {
    /// One block per theme: what it holds, its most important PRs with what they do, then the rest by number.
    func keyChanges(_ d: Digest) -> String {
        var out = ""
        for theme in d.themes {
            let prs = theme.prs.compactMap(d.pr).sorted { ($0.importance, $0.insight, $1.number) > ($1.importance, $1.insight, $0.number) }
            out += "### \(theme.title) (\(theme.prs.count))\n\n"
            let highlighted = prs.filter { d.highlights.contains($0.number) }.count
            if highlighted > 0 {
                out += pick("这一主题有 \(highlighted) 个 PR 进入重点列表。\n\n",
                    highlighted == 1 ? "One of them is highlighted.\n\n" : "\(highlighted) of them are highlighted.\n\n")
            }
            for pr in prs.prefix(4) {
                var line = "- \(link(pr.number, d)) \(plainTitle(pr)) (\(MarkdownText.inline(pr.author)))"
                if !pr.summary.isEmpty { line += pick("：", ": ") + MarkdownText.inline(pr.summary) }
                if let claim = pr.claims.first, !pr.summary.contains(claim) {
                    line += pick(" 作者给出的结果：", " Claimed result: ") + "“" + MarkdownText.inline(claim, limit: 200) + "”"
                }
                out += line + "\n"
            }
            let rest = prs.dropFirst(4).map(\.number).sorted()
            if !rest.isEmpty {
                let shown = rest.prefix(12).map { link($0, d) }.joined(separator: ", ")
                let more = rest.count > 12 ? pick(" 等", ", …") : ""
                out += pick("- 其余 \(rest.count) 个：\(shown)\(more)\n", "- \(rest.count) more: \(shown)\(more)\n")
            }
            out += "\n"
        }
        return out
    }
}
