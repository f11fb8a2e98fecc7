import PRHubModel

extension TemplateWriter {
    /// Where the week's work landed: modules and files, people, labels; the charts carry the full counts.
    func trends(_ facts: WeekFacts) -> [Block] {
        let d = facts.digest
        var blocks: [Block] = []
        var spans: [Inline] = []
        let modules = facts.modules.prefix(3)
        if !modules.isEmpty {
            spans.append(.text(pick("改动最集中的模块是", "The busiest modules were ")))
            spans += counted(modules.map { ($0.name, $0.count) }, unit: pick("个 PR", "PRs"))
            spans.append(.text(pick("；", "; ")))
        }
        let files = d.hotFiles.prefix(3).filter { $0.count >= 2 }
        if files.isEmpty {
            spans.append(.text(pick("没有文件被两个以上的 PR 同时修改。", "no file was changed by more than one PR. ")))
        } else {
            spans.append(.text(pick("被修改最多的文件是", "the most changed files were ")))
            spans += counted(files.map { ($0.path, $0.count) }, unit: pick("次", "PRs"))
            spans.append(.text(stop))
        }
        blocks.append(.paragraph(spans))

        var people: [Inline] = []
        let authors = d.authors.prefix(3).filter { $0.count >= 2 }
        if !authors.isEmpty {
            people.append(.text(pick("最活跃的作者是", "The most active authors were ")))
            people += Wording.joined(authors.map { author -> [Inline] in
                let focus = author.focus.filter { $0 != "other" }.prefix(2)
                let about = focus.isEmpty ? "" : pick("，多为 ", ", mostly ") + focus.joined(separator: pick("、", "/"))
                return [.name("@" + (author.login ?? author.name)), .text(pick("（\(author.count) 个\(about)）", " (\(author.count)\(about))"))]
            }, language)
            people.append(.text(stop))
        }
        if let reviewers = d.reviewers?.prefix(3), !reviewers.isEmpty {
            people.append(.text(pick("评审最多的是", "The busiest reviewers were ")))
            people += counted(reviewers.map { ("@" + $0.name, $0.count) }, unit: pick("个 PR", "PRs"), people: true)
            people.append(.text(stop))
        }
        let labels = d.labels.prefix(5)
        if !labels.isEmpty {
            people.append(.text(pick("标签分布：", "Labels: ")))
            people += counted(labels.map { ($0.name, $0.count) }, unit: "")
            people.append(.text(stop))
        }
        if !people.isEmpty { blocks.append(.paragraph(people)) }

        // The full counts as charts, folded away in HTML: the sentences above carry what a reader needs.
        blocks.append(.details(summary: [.text(pick("图表：标签、模块、文件和作者", "Charts: labels, modules, files and authors"))], blocks: [
            .chart(title: pick("标签分布", "Labels"), items: d.labels.map { .init($0.name, $0.count) }),
            .chart(title: pick("热门模块", "Busiest modules"), items: facts.modules.map { .init($0.name, $0.count) }),
            .chart(title: pick("热点文件", "Hot files"), items: d.hotFiles.map { .init($0.path, $0.count) }),
            .chart(title: pick("活跃作者", "Top authors"), items: d.authors.map { .init($0.login ?? $0.name, $0.count) }),
        ]))
        return blocks
    }

    /// "`a`（5 个 PR）、`b`（3）和 `c`（2）": the unit once, after the first count.
    func counted(_ items: [(String, Int)], unit: String, people: Bool = false) -> [Inline] {
        Wording.joined(items.enumerated().map { index, item -> [Inline] in
            let suffix = index == 0 && !unit.isEmpty ? " " + unit : ""
            return [people ? .name(item.0) : .code(item.0), .text(pick("（\(item.1)\(suffix)）", " (\(item.1)\(suffix))"))]
        }, language)
    }
}
