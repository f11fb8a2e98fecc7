import Foundation
import PRHubModel

/// The request for one PR's analysis: the PR's own facts only (title, description, files, risks with
/// evidence, review), the same in every report language, so its answer is cached by the PR's content and
/// the prompt's version.
public enum PRAnalysisPrompt {
    /// Bumped when the request changes, so cached answers to the old one are not reused.
    static let version = "pr-analysis-1"

    static let system = """
        You are a senior open-source infrastructure engineer. You read one merged pull request and return only \
        a JSON object, no prose around it. Use only the facts given; never invent a number, a PR, a file or a name.
        """

    /// The JSON Schema the answer must follow (sent as `response_format` where the server supports it).
    static let schema: Data = {
        let object: [String: Any] = [
            "type": "object",
            "properties": [
                "summary_zh": ["type": "string", "description": "one sentence in Chinese: what changed and why"],
                "summary_en": ["type": "string", "description": "one sentence in English: what changed and why"],
                "kind": ["type": "string", "enum": ChangeKind.allCases.map(\.rawValue)],
                "importance": ["type": "integer", "minimum": 1, "maximum": 5],
                "importance_reason": ["type": "string"],
                "risks": ["type": "array", "items": ["type": "string"]],
                "design": ["type": "array", "items": ["type": "string"]],
                "review": ["type": "string"],
            ],
            "required": ["summary_zh", "summary_en", "kind", "importance", "importance_reason"],
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }()

    public static func prompt(_ pr: Digest.PR, description: String?) -> PromptBuilder.Prompt {
        let files = pr.files.sorted { $0.additions + $0.deletions > $1.additions + $1.deletions }.prefix(12)
            .map { "`\($0.path)` +\($0.additions)/-\($0.deletions)" }.joined(separator: ", ")
        var facts = """
            \(version)
            PR #\(pr.number): \(pr.title)
            author: @\(pr.login ?? pr.author); labels: \(pr.labels.joined(separator: ", ")); +\(pr.additions)/-\(pr.deletions) in \(pr.files.count) files
            files: \(files)
            risks found: \(pr.evidence.map { "\($0.kind.rawValue): \($0.notation)" }.joined(separator: "; "))
            description:
            \(String((description ?? pr.summary).prefix(1_500)))
            """
        facts += PromptBuilder(language: .en).reviewFacts(pr)
        let ask = """
            Return JSON with: summary_zh (one sentence in Chinese), summary_en (one sentence in English), kind (one of \
            \(ChangeKind.allCases.map(\.rawValue).joined(separator: ", "))), importance (1 to 5, 5 = every user must know), \
            importance_reason, risks (list), design (design decisions, list), review (what review settled or left open, \
            empty without review). Cite this PR as #\(pr.number); keep code names and numbers as they are.
            """
        return PromptBuilder.Prompt(id: "pr-\(pr.number)", system: system, user: ask + "\n\n" + facts, maxTokens: 450, jsonSchema: schema)
    }

    /// The analysis in `text`, checked; or the findings that reject it.
    static func read(_ text: String, pr: Digest.PR, verifier: SectionVerifier, id: String) -> (PRAnalysis?, [WriterReport.Finding]) {
        func reject(_ detail: String) -> (PRAnalysis?, [WriterReport.Finding]) { (nil, [.init(section: id, kind: "format", detail: detail)]) }
        // Models wrap JSON in fences or a sentence: the outermost object is taken.
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close,
            let object = (try? JSONSerialization.jsonObject(with: Data(text[open...close].utf8))) as? [String: Any]
        else { return reject("the answer is not a JSON object") }
        let zh = (object["summary_zh"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let en = (object["summary_en"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard zh.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else { return reject("summary_zh is not Chinese") }
        guard !en.isEmpty else { return reject("summary_en is empty") }
        guard let importance = (object["importance"] as? Int) ?? (object["importance"] as? String).flatMap(Int.init), (1...5).contains(importance) else {
            return reject("importance is not a number from 1 to 5")
        }
        let strings = { (key: String) in (object[key] as? [Any] ?? []).compactMap { $0 as? String }.filter { !$0.isEmpty } }
        let analysis = PRAnalysis(
            number: pr.number, summaryZh: zh, summaryEn: en, kind: (object["kind"] as? String).flatMap(ChangeKind.init(rawValue:)),
            importance: importance, importanceReason: object["importance_reason"] as? String ?? "", risks: strings("risks"),
            design: strings("design"), review: (object["review"] as? String).flatMap { $0.isEmpty ? nil : $0 })
        // Every sentence is read as being about this PR: its figures must be this PR's.
        let findings = ([zh, en, analysis.importanceReason, analysis.review ?? ""] + analysis.risks + analysis.design)
            .filter { !$0.isEmpty }
            .flatMap { verifier.check("#\(pr.number) " + $0, section: id) }
        return findings.isEmpty ? (analysis, []) : (nil, findings)
    }
}
