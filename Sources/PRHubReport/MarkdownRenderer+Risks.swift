import PRHubModel

extension MarkdownRenderer {
    func risks(_ d: Digest) -> String {
        guard !d.risks.isEmpty else {
            return pick("本周没有检测到任何风险信号。", "No risk signal was detected this week.") + "\n\n" + laterRegressions(d)
        }
        var out = pick("本周共出现 \(d.risks.count) 类风险信号：", "\(d.risks.count) kinds of risk signal showed up this week: ")
        out += language.list(d.risks.map { "\(Wording.riskName($0.kind, language)) \($0.count)" }) + pick("。\n\n", ".\n\n")
        for risk in d.risks {
            out += "### \(Wording.riskName(risk.kind, language).capitalizedFirst) (\(risk.count))\n\n"
            out += explanation(risk.kind) + "\n\n"
            let cases = risk.prs.compactMap(d.pr).sorted { ($0.importance, $1.number) > ($1.importance, $0.number) }
            for pr in cases.prefix(5) {
                let evidence = pr.evidence.filter { $0.kind == risk.kind }.map(\.evidence).joined(separator: "; ")
                out += "- \(link(pr.number, d)) \(plainTitle(pr))" + (evidence.isEmpty ? "" : ": " + linked(evidence, d)) + "\n"
            }
            if cases.count > 5 {
                let rest = cases.dropFirst(5).map(\.number).sorted().prefix(15).map { link($0, d) }.joined(separator: ", ")
                out += pick("- 其他：\(rest)\n", "- Others: \(rest)\n")
            }
            out += "\n"
        }
        return out + laterRegressions(d)
    }

    /// This week's PRs that work merged later reverted or fixed: the regressions a first report could not see.
    func laterRegressions(_ d: Digest) -> String {
        let affected = d.prs.filter { !$0.revertedBy.isEmpty || !$0.fixedBy.isEmpty }
        guard !affected.isEmpty else { return "" }
        var out = "### \(pick("后来被回滚或修复的 PR", "Reverted or fixed later")) (\(affected.count))\n\n"
        out += pick("这些本周合入的 PR 在之后被回滚或修复，属于潜在的回归：\n\n",
            "These PRs merged this week were reverted or fixed afterwards, so they may have introduced regressions:\n\n")
        for pr in affected {
            var parts: [String] = []
            if !pr.revertedBy.isEmpty { parts.append(pick("被 \(links(pr.revertedBy, d)) 回滚", "reverted by \(links(pr.revertedBy, d))")) }
            if !pr.fixedBy.isEmpty { parts.append(pick("被 \(links(pr.fixedBy, d)) 修复", "fixed by \(links(pr.fixedBy, d))")) }
            out += "- \(link(pr.number, d)) \(plainTitle(pr)): " + parts.joined(separator: pick("，", "; ")) + "\n"
        }
        return out + "\n"
    }

    /// Escaped evidence with `#123` turned into links.
    func linked(_ text: String, _ d: Digest) -> String {
        MarkdownText.linkPRs(MarkdownText.inline(text, limit: 400), repo: d.repo)
    }

    func explanation(_ kind: RiskKind) -> String {
        switch kind {
        case .corePath:
            pick("这些 PR 改动了核心路径上的代码，出问题会影响每一个请求，合并后值得重点盯住。",
                "These PRs changed code on the core path, where a fault affects every request.")
        case .missingTests:
            pick("这些 PR 改了相当数量的代码，却没有改动任何测试文件（下列为改动的代码文件）。",
                "These PRs changed a meaningful amount of code without touching any test file (changed code files shown).")
        case .testsReduced:
            pick("这些 PR 净删除了测试代码或跳过了测试，覆盖面可能因此缩小。",
                "These PRs removed test code on net or skipped tests, which may shrink coverage.")
        case .revert:
            pick("回滚意味着之前合入的改动出了问题。", "A revert means earlier merged work went wrong.")
        case .followUpFix:
            pick("这些修复指向仓库中更早合入的 PR，说明原改动带来了问题。",
                "These fixes point at earlier PRs of this repository, so the original change caused trouble.")
        case .envVar:
            pick("新的环境变量会改变运行时行为，需要文档和默认值说明。",
                "New environment variables change runtime behaviour and need documented defaults.")
        case .platform:
            pick("针对特定硬件或系统的改动，只在对应平台上才能充分验证。",
                "Work specific to one hardware or OS can only be fully verified on that platform.")
        case .dependency:
            pick("依赖清单有变化（+ 表示新增的包，~ 表示版本变化）。",
                "Dependency manifests changed (+ marks a new package, ~ a version change).")
        }
    }
}

extension String {
    /// `core-path changes` → `Core-path changes` (headings); Chinese text is unchanged.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
