import PRHubModel

extension TemplateWriter {
    /// The counts in one sentence, then the findings a lead should check first, each with its evidence.
    func risks(_ facts: WeekFacts, _ detail: Detail) -> [Block] {
        let d = facts.digest
        guard !d.risks.isEmpty else {
            return [.paragraph([.text(pick("本周没有发现风险信号。", "No risk signal was found this week."))])]
        }
        let counts = language.list(d.risks.map { pick("\(Wording.riskName($0.kind, language)) \($0.count) 个", "\(Wording.riskName($0.kind, language)) (\($0.count))") })
        var blocks: [Block] = [.paragraph([.text(pick("风险信号：\(counts)。", "Risk signals: \(counts)."))])]
        let chosen = notableFindings(facts, limit: detail.risks)
        let wording = RiskWording(language: language)
        blocks.append(.list(chosen.map { pr, finding in
            var spans: [Inline] = [.pr(pr.number), .text(" ")] + wording.evidence(finding, pr: pr.number)
            if finding.kind == .corePath, pr.risks.contains(.missingTests) {
                spans.append(.text(pick("，且没有改测试", ", with no test change")))
            }
            spans.append(.text(pick("。", ".")))
            return spans
        }))
        let total = d.prs.reduce(0) { $0 + $1.evidence.count }
        if total > chosen.count {
            blocks.append(.paragraph([.text(pick("其余 \(total - chosen.count) 条风险信号及依据见附录。",
                "The other \(total - chosen.count) findings, with their evidence, are in the appendix."))]))
        }
        return blocks
    }

    /// Findings in order of what a reader must check first, at most one per PR, weightier PRs first, taking
    /// the kinds in turn so one kind does not fill the list.
    func notableFindings(_ facts: WeekFacts, limit: Int) -> [(Digest.PR, RiskFinding)] {
        let order: [RiskKind] = [.revert, .followUpFix, .testsReduced, .dependency, .envVar, .dependencyUpdate, .corePath, .platform, .missingTests]
        var queues: [[(Digest.PR, RiskFinding)]] = order.map { kind in
            facts.byWeight.compactMap { pr in pr.evidence.first { $0.kind == kind }.map { (pr, $0) } }
        }
        var chosen: [(Digest.PR, RiskFinding)] = []
        var used = Set<Int>()
        while chosen.count < limit && queues.contains(where: { !$0.isEmpty }) {
            for index in queues.indices where chosen.count < limit {
                while let next = queues[index].first {
                    queues[index].removeFirst()
                    if used.insert(next.0.number).inserted {
                        chosen.append(next)
                        break
                    }
                }
            }
        }
        return chosen
    }
}
