import PRHubModel

/// The week's message as lines of Markdown, for the channels that read Markdown (DingTalk, WeCom, Discord,
/// Teams): the same order everywhere — title, summary, themes, highlights, risks, link.
enum MarkdownLines {
    static func lines(
        _ message: WeekMessage, escape: (String) -> String = MarkupText.markdown,
        link: (String, String) -> String = { "[\($0)](\($1))" }, bold: (String) -> String = { "**\($0)**" }, title: Bool = true
    ) -> [String] {
        let headings = message.headings
        var lines: [String] = []
        if title { lines.append(bold(escape(message.title + (message.isUpdate ? headings.update : ""))) + " · " + escape(message.repo)) }
        lines.append(escape(message.summary))
        if !message.themes.isEmpty {
            lines.append(bold(headings.themes) + message.language.pick("：", ": ")
                + message.themes.map { MarkupText.item($0, escape: escape, link: link) }.joined(separator: " · "))
        }
        if !message.highlights.isEmpty {
            lines.append(bold(headings.highlights))
            lines += message.highlights.map { "- " + MarkupText.item($0, escape: escape, link: link) }
        }
        if !message.risks.isEmpty {
            lines.append(bold(headings.risks) + message.language.pick("：", ": ")
                + message.risks.map { MarkupText.item($0, escape: escape, link: link) }.joined(separator: " · "))
        }
        lines.append(link(headings.link, message.url))
        return lines
    }
}
