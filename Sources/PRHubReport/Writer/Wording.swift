import PRHubModel

/// Names and phrases every writer and serialiser shares, in both languages, from typed keys.
enum Wording {
    typealias Inline = ReportDocument.Inline

    static func topicTitle(_ topic: Topic, subject: String?, _ lang: Language) -> String {
        switch topic {
        case .modelFamily(let family):
            let name = subject ?? family
            return lang.pick("\(name) 模型支持与优化", "\(name) models")
        case .hardware(let name):
            return lang.pick("\(name) 平台适配", "\(name) platform work")
        case .subsystem(let subsystem):
            return subsystemTitle(subsystem, lang)
        }
    }

    static func subsystemTitle(_ subsystem: Topic.Subsystem, _ lang: Language) -> String {
        switch subsystem {
        case .speculativeDecoding: lang.pick("投机解码", "Speculative decoding")
        case .disaggregation: lang.pick("PD 分离与 KV 传输", "P/D disaggregation and KV transfer")
        case .kvCache: lang.pick("KV 缓存与卸载", "KV cache and offloading")
        case .quantization: lang.pick("量化", "Quantization")
        case .moe: lang.pick("MoE 与专家负载均衡", "MoE and expert load balancing")
        case .attention: lang.pick("注意力后端", "Attention backends")
        case .kernels: lang.pick("算子与内核", "Kernels and custom ops")
        case .graphMode: lang.pick("图模式与编译", "Graph mode and compilation")
        case .multimodal: lang.pick("多模态", "Multimodal")
        case .lora: lang.pick("LoRA", "LoRA")
        case .structuredOutput: lang.pick("结构化输出与工具调用", "Structured output and tool calling")
        case .parallelism: lang.pick("并行与通信", "Parallelism and communication")
        case .scheduling: lang.pick("调度", "Scheduling")
        case .modelRunner: lang.pick("Model Runner 与 Worker", "Model runner and workers")
        case .sampling: lang.pick("采样", "Sampling")
        case .serving: lang.pick("服务接口与前端", "Serving API and frontend")
        case .memory: lang.pick("显存与内存", "Memory")
        case .release: lang.pick("版本对齐与发布", "Version alignment and releases")
        case .ci: lang.pick("CI、测试与镜像", "CI, tests and images")
        case .docs: lang.pick("文档", "Documentation")
        }
    }

    /// A theme's name in the report's language (its digest title is English).
    static func themeTitle(_ theme: Digest.Theme, _ lang: Language) -> String {
        theme.topic.map { topicTitle($0, subject: theme.subject, lang) } ?? theme.title
    }

    static func riskName(_ kind: RiskKind, _ lang: Language) -> String {
        switch kind {
        case .corePath: lang.pick("核心路径变更", "core-path changes")
        case .missingTests: lang.pick("缺少测试", "missing tests")
        case .testsReduced: lang.pick("测试减少", "reduced tests")
        case .revert: lang.pick("回滚", "reverts")
        case .followUpFix: lang.pick("后续修复", "follow-up fixes")
        case .envVar: lang.pick("新增环境变量", "new environment variables")
        case .platform: lang.pick("平台相关代码", "platform-specific code")
        case .dependency: lang.pick("新增依赖", "new dependencies")
        case .dependencyUpdate: lang.pick("依赖版本变更", "dependency updates")
        }
    }

    /// What kind of change a PR is, as a verb phrase: `修复问题` / `fixes a bug`.
    static func kindPhrase(_ kind: ChangeKind, _ lang: Language) -> String {
        switch kind {
        case .bugfix: lang.pick("修复缺陷", "fixes a bug")
        case .performance: lang.pick("优化性能", "improves performance")
        case .quantization: lang.pick("改进量化", "works on quantization")
        case .model: lang.pick("扩展模型能力", "extends model support")
        case .distributed: lang.pick("改进分布式与 KV 缓存", "works on distributed serving")
        case .platform: lang.pick("适配硬件平台", "adapts a hardware platform")
        case .feature: lang.pick("新增功能", "adds a feature")
        case .refactor: lang.pick("重构代码", "refactors code")
        case .ci: lang.pick("调整 CI 与测试", "changes CI and tests")
        case .doc: lang.pick("更新文档", "updates documentation")
        case .revert: lang.pick("回滚改动", "reverts a change")
        case .other: lang.pick("调整代码", "changes code")
        }
    }

    /// What a PR does, from its kind and its size: a change that mostly deletes is a removal whatever its tags,
    /// and one that repairs a failure (its title or description says so) is a fix whatever words its title uses.
    static func whatItDoes(_ pr: Digest.PR, _ lang: Language) -> String {
        if pr.deletions >= 100 && pr.deletions > 3 * pr.additions && ![.bugfix, .revert].contains(pr.kind) {
            return lang.pick("删除旧代码（净删 \(pr.deletions - pr.additions) 行）", "removes code (\(pr.deletions - pr.additions) lines net)")
        }
        if pr.impacts.contains(.failure) && pr.kind != .revert { return kindPhrase(.bugfix, lang) }
        return kindPhrase(pr.kind, lang)
    }

    /// Short noun for a kind, for counts: `3 个修复`.
    static func kindNoun(_ kind: ChangeKind, _ lang: Language) -> String {
        switch kind {
        case .bugfix: lang.pick("修复", "fixes")
        case .performance: lang.pick("性能优化", "performance changes")
        case .quantization: lang.pick("量化改动", "quantization changes")
        case .model: lang.pick("模型相关", "model changes")
        case .distributed: lang.pick("分布式改动", "distributed-serving changes")
        case .platform: lang.pick("平台适配", "platform changes")
        case .feature: lang.pick("新功能", "features")
        case .refactor: lang.pick("重构", "refactors")
        case .ci: lang.pick("CI 与测试", "CI and test changes")
        case .doc: lang.pick("文档", "doc changes")
        case .revert: lang.pick("回滚", "reverts")
        case .other: lang.pick("其他改动", "other changes")
        }
    }

    static func metricName(_ metric: ClaimedFigure.Metric, _ lang: Language) -> String {
        switch metric {
        case .throughput: lang.pick("吞吐", "throughput")
        case .latency: lang.pick("延迟", "latency")
        case .ttft: lang.pick("首 token 延迟", "TTFT")
        case .tpot: lang.pick("每 token 延迟", "TPOT")
        case .memory: lang.pick("显存", "memory")
        case .accuracy: lang.pick("精度", "accuracy")
        case .speedup: lang.pick("速度", "speed")
        }
    }

    /// `吞吐 3.6x、25%` / `throughput 3.6x, 25%`.
    static func figures(_ figures: [ClaimedFigure], _ lang: Language) -> String {
        let grouped = Dictionary(grouping: figures, by: { $0.metric })
        let ordered = figures.compactMap(\.metric).reduce(into: [ClaimedFigure.Metric?]()) { if !$0.contains($1) { $0.append($1) } }
            + (grouped[nil] == nil ? [] : [nil])
        return lang.list(ordered.map { metric in
            // Values of one metric joined tightly, metrics as a list: `TTFT 72ms、71ms和TPOT 10ms`.
            let values = grouped[metric]!.map(\.value).joined(separator: lang.pick("、", "/"))
            return metric.map { metricName($0, lang) + " " + values } ?? values
        })
    }

    /// Items joined the way each language lists them: `a、b和c` / `a, b and c`; with `closed` false the
    /// last one takes a plain separator too (a list that goes on, or one without a natural end).
    static func joined(_ items: [[Inline]], _ lang: Language, closed: Bool = true) -> [Inline] {
        var out: [Inline] = []
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(.text(closed && index == items.count - 1 ? lang.pick("和", " and ") : lang.pick("、", ", "))) }
            out += item
        }
        return out
    }

    static func prs(_ numbers: [Int], _ lang: Language) -> [Inline] {
        joined(numbers.map { [.pr($0)] }, lang)
    }

    static func codes(_ names: [String], _ lang: Language, limit: Int = 3) -> [Inline] {
        joined(names.prefix(limit).map { [.code($0)] }, lang, closed: names.count <= limit)
            + (names.count > limit ? [.text(lang.pick(" 等 \(names.count) 个", " and \(names.count - limit) more"))] : [])
    }

    static func recommendation(_ r: Digest.Recommendation, _ lang: Language) -> [Inline] {
        let prs = prs(r.prs, lang)
        switch r.kind {
        case .watchReverts:
            return r.related.isEmpty
                ? [.text(lang.pick("本周有回滚（", "Work was reverted this week ("))] + prs
                    + [.text(lang.pick("）：记下回滚原因，重新合入前先补一个能复现问题的测试。", "): write down why, and add a test that reproduces the problem before the change returns."))]
                : prs + [.text(lang.pick(" 回滚了 ", " reverted "))] + Wording.prs(r.related, lang)
                    + [.text(lang.pick("：记下回滚原因，重新合入前先补一个能复现问题的测试。", ": write down why, and add a test that reproduces the problem before it returns."))]
        case .addCoreTests:
            return [.text(lang.pick("\(r.prs.count) 个改动核心路径的 PR 没有改测试（", "\(r.prs.count) core-path PRs changed no test ("))] + prs
                + [.text(lang.pick("），优先为它们补回归测试。", "); give them regression tests first."))]
        case .addTests:
            return prs + [.text(lang.pick(" 改了较多代码却没有改测试，建议补上覆盖新行为的用例。", " changed a fair amount of code without a test change; add cases for the new behaviour."))]
        case .reviewFixChains:
            return prs + [.text(lang.pick(" 修复了之前合入的 ", " repaired earlier work in "))] + Wording.prs(r.related, lang)
                + [.text(lang.pick("：回看原 PR 的评审和测试为何没发现问题。", "; look back at why review and tests missed it."))]
        case .settleOpenReview:
            return prs + [.text(lang.pick(" 合入时仍有未解决的评审意见：请把结论写下来，必要时开 issue 跟踪。", " merged with review threads still open: have the outcome written down, or open a follow-up issue."))]
        case .confirmTestRemovals:
            return prs + [.text(lang.pick(" 删除或跳过了测试：确认覆盖面没有缩小，被跳过的用例要有恢复计划。", " removed or skipped tests: confirm coverage did not shrink and that skipped cases have a plan to return."))]
        case .documentEnvVars:
            return [.text(lang.pick("为新增的环境变量 ", "Document the new environment variables "))] + codes(r.subjects, lang)
                + [.text(lang.pick("（", " ("))] + prs
                + [.text(lang.pick("）写明默认值、取值范围和适用场景。", "): defaults, accepted values and when to use them."))]
        case .checkDependencies:
            return prs + [.text(lang.pick(" 改动了依赖：核对构建镜像、锁定版本和安装文档是否同步。", " changed dependencies: check that build images, pins and install docs follow."))]
        case .platformMatrix:
            return [.text(lang.pick("平台相关改动涉及 ", "Platform-specific work touched "))] + codes(r.subjects, lang, limit: 4)
                + [.text(lang.pick("（", " ("))] + prs
                + [.text(lang.pick("）：确认 CI 覆盖了这些平台。", "): make sure CI covers each of them."))]
        case .hotFile:
            let path = r.subjects.first ?? ""
            let count = r.count ?? r.prs.count
            return [.code(path), .text(lang.pick(" 本周被 \(count) 个 PR 修改（", " was changed by \(count) PRs ("))] + prs
                + [.text(lang.pick("）：改动集中易冲突，考虑拆分或明确负责人。", "); a file this busy invites conflicts, so consider splitting it or naming an owner."))]
        case .readHighlights:
            return [.text(lang.pick("请团队精读 ", "Ask the team to read "))] + prs
                + [.text(lang.pick("，它们是本周影响最大的改动。", " closely: they are this week's most consequential changes."))]
        }
    }
}

extension Array where Element == ReportDocument.Inline {
    /// The spans as plain text (PR links as `#N`).
    var plainText: String {
        map { span in
            switch span {
            case .text(let t), .strong(let t), .prTitle(let t), .code(let t), .name(let t): t
            case .pr(let n): "#\(n)"
            case .quote(let t, _): "“\(t)”"
            case .link(let t, _): t
            }
        }.joined()
    }
}
