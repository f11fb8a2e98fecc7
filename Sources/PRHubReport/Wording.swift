import PRHubAnalysis
import PRHubModel

/// Names and phrases shared by the digest builder and the renderers.
enum Wording {
    static func themeTitle(_ key: String, _ lang: Language) -> String {
        switch key {
        case "revert": lang.pick("回滚与撤销", "Reverts")
        case "performance": lang.pick("性能与算子优化", "Performance and kernels")
        case "quantization": lang.pick("量化", "Quantization")
        case "model": lang.pick("模型与推理能力", "Models and inference features")
        case "distributed": lang.pick("分布式、PD 分离与 KV 缓存", "Distributed serving and KV cache")
        case "platform": lang.pick("硬件平台适配", "Hardware platforms")
        case "feature": lang.pick("新功能与核心框架", "Features and core framework")
        case "bugfix": lang.pick("缺陷修复", "Bug fixes")
        case "refactor": lang.pick("重构与清理", "Refactoring and clean-up")
        case "ci": lang.pick("CI、测试与工程维护", "CI, tests and upkeep")
        case "doc": lang.pick("文档", "Documentation")
        default: lang.pick("其他改动", "Other changes")
        }
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
        case .dependency: lang.pick("依赖变更", "dependency changes")
        }
    }

    static func prList(_ numbers: [Int], _ lang: Language) -> String {
        lang.list(numbers.map { "#\($0)" })
    }

    static func recommendation(_ r: WeekAnalysis.Recommendation, _ lang: Language) -> String {
        let prs = prList(r.prs, lang)
        let subjects = lang.list(r.subjects)
        switch r.kind {
        case "watch-reverts":
            return r.subjects.isEmpty
                ? lang.pick("本周出现回滚（\(prs)）：记录回滚原因，重新合入前先补上能复现问题的测试。",
                    "Work was reverted this week (\(prs)): write down why, and add a test that reproduces the problem before the change comes back.")
                : lang.pick("\(prs) 回滚了 \(subjects)：记录回滚原因，重新合入前先补上能复现问题的测试。",
                    "\(prs) reverted \(subjects): write down why, and add a test that reproduces the problem before it comes back.")
        case "add-core-tests":
            return lang.pick("\(r.prs.count) 个改动核心路径的 PR 没有改任何测试文件（如 \(prs)），请优先为它们补回归测试。",
                "\(r.prs.count) PRs changed core-path code without touching a test file (e.g. \(prs)); give them regression tests first.")
        case "add-tests":
            return lang.pick("\(prs) 改了不少代码却没有改测试，建议补上覆盖新行为的用例。",
                "\(prs) changed a fair amount of code without any test change; add cases that cover the new behaviour.")
        case "review-fix-chains":
            return lang.pick("\(prs) 修复了之前合入的 \(subjects)：回看原 PR 的评审和测试为何没发现问题，避免同类缺陷再次漏过。",
                "\(prs) fixed earlier work (\(subjects)); look back at why review and tests missed it there.")
        case "settle-open-review":
            return lang.pick("\(prs) 合入时仍有未解决的评审讨论或未撤回的修改请求：请作者或评审者补上结论，必要时开后续 issue 跟踪。",
                "\(prs) merged with review threads still open or a change request never withdrawn: ask for the outcome to be written down, or open a follow-up issue.")
        case "confirm-test-removals":
            return lang.pick("\(prs) 删除或跳过了测试：请确认覆盖面没有因此缩小，被跳过的用例要有恢复计划。",
                "\(prs) removed or skipped tests: confirm coverage did not shrink and that skipped cases have a plan to return.")
        case "document-env-vars":
            return lang.pick("新增环境变量 \(subjects)（\(prs)）：在文档中写明默认值、取值范围和适用场景。",
                "New environment variables \(subjects) (\(prs)): document their defaults, accepted values and when to use them.")
        case "check-dependencies":
            return lang.pick("\(prs) 改动了依赖清单：核对构建镜像、锁定版本和安装文档是否同步更新。",
                "\(prs) changed dependency manifests: check that build images, pinned versions and install docs follow.")
        case "platform-matrix":
            return lang.pick("平台相关改动涉及 \(subjects)（\(prs)）：确认这些平台在 CI 中都有覆盖，避免只在单一硬件上验证。",
                "Platform-specific work touched \(subjects) (\(prs)); make sure CI covers each of them, not just one machine type.")
        case "hot-file":
            let path = r.subjects.first ?? ""
            let count = r.subjects.count > 1 ? r.subjects[1] : ""
            return lang.pick("\(path) 本周被 \(count) 个 PR 修改（\(prs)）：改动集中的文件容易冲突，考虑拆分或明确负责人。",
                "\(path) was changed by \(count) PRs (\(prs)); a file this busy invites conflicts, so consider splitting it or naming an owner.")
        case "read-highlights":
            return lang.pick("建议团队精读 \(prs)，它们是本周影响最大的改动。",
                "Ask the team to read \(prs) closely: they are this week's most consequential changes.")
        default:
            return prs
        }
    }
}
