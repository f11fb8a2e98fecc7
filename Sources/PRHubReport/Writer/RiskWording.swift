import PRHubModel

/// A risk finding said in a sentence a reader can check: the files, packages, names or PRs that raised it.
struct RiskWording {
    typealias Inline = ReportDocument.Inline
    let language: Language

    func evidence(_ finding: RiskFinding, pr: Int) -> [Inline] {
        let pick = language.pick
        switch finding.kind {
        case .corePath:
            return [.text(pick("改动核心路径 ", "changes core-path files "))] + Wording.codes((finding.files ?? []).map(\.path), language, limit: 2)
        case .missingTests:
            return [.text(pick("改了 ", "changes "))] + Wording.codes((finding.files ?? []).map(\.path), language, limit: 2)
                + [.text(pick(" 却没有改测试", " without any test change"))]
        case .testsReduced:
            if let removed = finding.testLinesRemoved {
                return [.text(pick("测试净减少 \(removed) 行（", "removes \(removed) test lines on net ("))]
                    + Wording.codes((finding.files ?? []).map(\.path), language, limit: 2) + [.text(pick("）", ")"))]
            }
            return [.text(pick("标题写明跳过或删除测试：", "its title skips or removes tests: "))] + quote(finding.quote, pr)
        case .revert, .followUpFix:
            let verb = finding.kind == .revert ? pick("回滚了 ", "reverts ") : pick("修复了 ", "repairs ")
            guard let link = finding.links?.first else {
                return [.text(finding.kind == .revert ? pick("回滚：", "a revert: ") : pick("修复之前改动引入的问题：", "repairs an earlier change: "))]
                    + quote(finding.quote, pr)
            }
            var spans: [Inline] = [.text(verb)]
            if let number = link.number { spans.append(.pr(number)) }
            if let week = link.week { spans.append(.text(pick("（\(week)）", " (\(week))"))) }
            if finding.kind == .followUpFix { spans.append(.text(pick(link.week == nil ? " 引入的问题" : "引入的问题", ""))) }
            // A sentence that is only the earlier PR's address adds nothing to the link.
            if let sentence = link.sentence, !sentence.hasPrefix("http") { spans += [.text(pick("，依据：", "; it says: ")), .quote(sentence, pr: pr)] }
            return spans
        case .envVar:
            let names = (finding.variables ?? []).map(\.name)
            return [.text(pick("新增环境变量 ", names.count == 1 ? "adds the environment variable " : "adds environment variables "))] + Wording.codes(names, language)
        case .platform:
            return [.text(pick("针对 ", "is specific to "))] + Wording.codes((finding.platforms ?? []).map(\.name), language)
                + [.text(pick(" 平台", ""))]
        case .dependency, .dependencyUpdate:
            let packages = finding.packages ?? []
            var spans: [Inline] = []
            for (change, zh, en) in [(RiskFinding.PackageChange.Change.added, "新增依赖 ", "adds "), (.updated, "调整 ", "re-pins "), (.removed, "移除 ", "drops ")] {
                let changed = packages.filter { $0.change == change }
                guard !changed.isEmpty else { continue }
                if !spans.isEmpty { spans.append(.text(pick("，", ", "))) }
                spans.append(.text(pick(zh, en)))
                spans += Wording.codes(changed.map(\.name), language)
                // One re-pin says what it was and what it is: `torch==2.5` → `torch==2.6`.
                if change == .updated, changed.count == 1, let from = changed[0].from, let to = changed[0].to {
                    spans += [.text(pick("（", " (")), .code(from), .text(" → "), .code(to), .text(pick("）", ")"))]
                }
            }
            if let path = packages.first?.path { spans += [.text(pick("（", " (")), .code(path), .text(pick("）", ")"))] }
            return spans
        }
    }

    func quote(_ quote: RiskFinding.Quote?, _ pr: Int) -> [Inline] {
        guard let quote else { return [] }
        return [.quote(quote.text, pr: pr)]
    }
}
