import Foundation
import PRHubModel
import PRHubReport

/// Builds compact prompts from the digest: only the facts a section needs, PR descriptions clipped,
/// so a 250-PR week stays inside a 16k-token context.
public struct PromptBuilder: Sendable {
    public var language: Language
    /// Characters of each PR description included (highlight briefs get more).
    public var descriptionLimit = 600

    public init(language: Language) {
        self.language = language
    }

    public struct Prompt: Sendable, Hashable {
        public var id: String
        public var system: String
        public var user: String
        /// How many tokens the answer may take: a brief is a short paragraph, a section a few.
        public var maxTokens: Int
        /// The JSON Schema of the answer (encoded), for `response_format`, when the answer is data.
        public var jsonSchema: Data?

        public init(id: String, system: String, user: String, maxTokens: Int? = nil, jsonSchema: Data? = nil) {
            self.id = id
            self.system = system
            self.user = user
            self.maxTokens = maxTokens ?? (id.hasPrefix("brief-") ? 320 : id == "summary" ? 400 : 600)
            self.jsonSchema = jsonSchema
        }

        public var bytes: Int { system.utf8.count + user.utf8.count }
    }

    var system: String {
        language == .zh
            ? "你是资深的开源基础设施工程师，为技术负责人写周报。只使用给出的事实；提到 PR 时写成 #编号；提到作者时写成 @登录名；提到文件时用反引号；不要编造任何数字、PR 或人名。输出 Markdown 段落或列表，不要标题。用中文写。"
            : "You are a senior open-source infrastructure engineer writing a weekly report for an engineering lead. Use only the facts given; cite PRs as #number, authors as @login, files in backticks; never invent a number, a PR or a name. Output Markdown paragraphs or lists, no headings. Write in English."
    }

    public func prompts(_ digest: Digest, descriptions: [Int: String]) -> [Prompt] {
        var prompts: [Prompt] = []
        let facts = self.facts(digest)
        let task: [(String, String, String)] = [
            ("summary", "执行摘要：用一段话概括本周的规模、重点、标签分布、风险数量和最活跃的作者。",
                "Executive summary: one paragraph on the week's size, highlights, label distribution, risk counts and most active authors."),
            ("changes", "本周重点变化：按主题分段，每段说明这一主题做了什么、为什么重要，并引用其中最重要的 PR。",
                "Key changes: one paragraph per theme saying what changed and why it matters, citing its most important PRs."),
            ("trends", "模块与主题趋势：说明最忙的模块和文件、标签分布，以及主要作者各自在做什么。",
                "Modules and trends: the busiest modules and files, the label distribution, and what the top authors worked on."),
            ("risks", "风险观察：按风险类型说明数量，并点出最值得关注的具体案例及其证据。",
                "Risk observations: counts by kind, and the concrete cases most worth attention with their evidence."),
            ("recommendations", "后续建议：给出 3 到 6 条具体可执行的建议，每条引用触发它的 PR。",
                "Recommendations: three to six concrete actions, each citing the PRs that call for it."),
        ]
        for (id, zh, en) in task {
            let context = id == "changes" || id == "risks" ? self.prList(digest, descriptions: descriptions, limit: 120) : ""
            prompts.append(Prompt(id: id, system: system, user: (language == .zh ? zh : en) + "\n\n" + facts + context))
        }
        for number in digest.highlights {
            guard let pr = digest.pr(number) else { continue }
            let description = String((descriptions[number] ?? pr.summary).prefix(descriptionLimit * 3))
            let ask = language == .zh
                ? "为重点 PR #\(number) 写简报：两到三个要点，说明它做了什么、为什么重要、需要注意什么。"
                : "Write the brief of highlighted PR #\(number): two or three bullet points on what it does, why it matters and what to watch."
            let prFacts = """
                PR #\(pr.number): \(pr.title)
                author: @\(pr.login ?? pr.author); labels: \(pr.labels.joined(separator: ", ")); +\(pr.additions)/-\(pr.deletions) in \(pr.files.count) files
                modules: \(pr.modules.joined(separator: ", "))
                risks: \(pr.evidence.map { "\($0.kind.rawValue): \($0.notation)" }.joined(separator: "; "))
                fixes: \(pr.fixes.map { "#\($0)" }.joined(separator: ", ")) reverts: \(pr.reverts.map { "#\($0)" } ?? "")
                description:
                \(description)
                """ + reviewFacts(pr)
            prompts.append(Prompt(id: "brief-\(number)", system: system, user: ask + "\n\n" + prFacts))
        }
        return prompts
    }

    /// Review on GitHub and the threads' own words, so a brief can say what reviewers settled or left open.
    func reviewFacts(_ pr: Digest.PR) -> String {
        guard let review = pr.review else { return "" }
        var text = "\nreview: reviewers \(review.reviewers.map { "@" + $0 }.joined(separator: ", ")); approvals \(review.approvals); "
            + "change requests \(review.changesRequested); threads \(review.threads) (\(review.unresolvedThreads) unresolved); "
            + "bot reviews \(review.botReviews)"
        for excerpt in review.discussion {
            let state = excerpt.resolved.map { $0 ? "resolved" : "unresolved" } ?? "review"
            text += "\n- @\(excerpt.author) on \(excerpt.path ?? "the PR") (\(state)): \(excerpt.text)"
            if let reply = excerpt.reply { text += " | reply: \(reply)" }
        }
        return text
    }

    /// The week in numbers, one fact per line.
    func facts(_ d: Digest) -> String {
        let week: String = d.period.week ?? "custom"
        var lines: [String] = []
        lines.append("repository: \(d.repo); period: \(d.period.start) to \(d.period.end) (\(week))")
        lines.append("merged PRs: \(d.prCount); direct commits: \(d.directCommitCount); highlights: \(d.highlightCount); "
            + "average importance \(d.averageImportance), insight \(d.averageInsight)")
        let labels: [String] = d.labels.prefix(12).map { "\($0.name) \($0.count)" }
        lines.append("labels: " + labels.joined(separator: ", "))
        let modules: [String] = d.modules.prefix(10).map { "\($0.name) \($0.count)" }
        lines.append("modules: " + modules.joined(separator: ", "))
        let files: [String] = d.hotFiles.prefix(10).map { "`\($0.path)` \($0.count)" }
        lines.append("hot files: " + files.joined(separator: ", "))
        var authors: [String] = []
        for author in d.authors.prefix(10) {
            let handle: String = author.login ?? author.name
            authors.append("@" + handle + " \(author.count) (" + author.focus.joined(separator: "/") + ")")
        }
        lines.append("authors: " + authors.joined(separator: ", "))
        var risks: [String] = []
        for risk in d.risks {
            let prs: [String] = risk.prs.prefix(8).map { "#\($0)" }
            risks.append(risk.kind.rawValue + " \(risk.count): " + prs.joined(separator: " "))
        }
        lines.append("risks: " + risks.joined(separator: "; "))
        var themes: [String] = []
        for theme in d.themes {
            let prs: [String] = theme.prs.prefix(10).map { "#\($0)" }
            themes.append(theme.title + ": " + prs.joined(separator: " "))
        }
        lines.append("themes: " + themes.joined(separator: "; "))
        let highlights: [String] = d.highlights.map { "#\($0)" }
        lines.append("highlights: " + highlights.joined(separator: " "))
        let recommendations: [String] = d.recommendations.map(\.text)
        lines.append("template recommendations: " + recommendations.joined(separator: " | "))
        return lines.map { String($0.prefix(1500)) }.joined(separator: "\n") + "\n"
    }

    /// One line per PR, most important first: number, title, author, risks, first words of the description.
    func prList(_ d: Digest, descriptions: [Int: String], limit: Int) -> String {
        let ordered = d.prs.sorted { ($0.importance, $0.insight, $1.number) > ($1.importance, $1.insight, $0.number) }.prefix(limit)
        var lines: [String] = []
        for pr in ordered {
            let source: String = pr.summary.isEmpty ? (descriptions[pr.number] ?? "") : pr.summary
            let words = String(source.prefix(160)).replacingOccurrences(of: "\n", with: " ")
            let risks: String = pr.risks.isEmpty ? "" : " {" + pr.risks.map(\.rawValue).joined(separator: ",") + "}"
            let author: String = pr.login ?? pr.author
            var line = "#\(pr.number) [\(pr.importance)] " + String(pr.title.prefix(100)) + " @" + author + risks
            if !words.isEmpty { line += " — " + words }
            lines.append(line)
        }
        return "\nPRs:\n" + lines.joined(separator: "\n") + "\n"
    }
}
