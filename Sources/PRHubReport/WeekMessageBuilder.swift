import PRHubModel

/// The chat message of a week, from the same digest and document as the report: its title and executive
/// summary, the themes with their PR counts, the highlights, the most common risks, and the link.
public enum WeekMessageBuilder {
    public static func message(_ digest: Digest, language: Language, baseURL: String, isUpdate: Bool = false) -> WeekMessage {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let url = "\(base)/\(digest.repo)/reports/\(digest.period.start)-to-\(digest.period.end)"
        let document = TemplateWriter(language: language, baseURL: base).document(digest)
        // The report's summary, without its pointers to sections a chat message does not have.
        let summary = AtomRenderer.entry(document, url: url, updated: .init(timeIntervalSince1970: 0)).summary
            .replacingOccurrences(of: #"[，；]详见第 \d+ 节|[;,] see section \d+"#, with: "", options: .regularExpression)
        let themes = digest.themes.prefix(6).map { WeekMessage.Item(text: Wording.themeTitle($0, language), count: $0.prs.count) }
        let titles = Dictionary(digest.prs.map { ($0.number, $0.title) }, uniquingKeysWith: { first, _ in first })
        let highlights = digest.highlights.prefix(8).map { number in
            WeekMessage.Item(
                text: (titles[number] ?? "").clipped(to: 90), number: number, url: "https://github.com/\(digest.repo)/pull/\(number)")
        }
        let risks = digest.risks.sorted { $0.count > $1.count }.prefix(4).map {
            WeekMessage.Item(text: Wording.riskName($0.kind, language), count: $0.count)
        }
        return WeekMessage(
            language: language, repo: digest.repo, title: document.title, summary: summary, prCount: digest.prCount,
            themes: Array(themes), highlights: Array(highlights), risks: Array(risks), url: url, isUpdate: isUpdate)
    }
}
