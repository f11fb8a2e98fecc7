/// What a chat message says about one week's report, in one language: the facts every channel shows,
/// already worded, each channel laying them out in its own markup and within its own limits.
public struct WeekMessage: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// A theme or risk name, or a PR's title.
        public var text: String
        /// PRs in a theme or carrying a risk; nil for a highlight.
        public var count: Int?
        /// A highlight's PR number and address.
        public var number: Int?
        public var url: String?

        public init(text: String, count: Int? = nil, number: Int? = nil, url: String? = nil) {
            self.text = text
            self.count = count
            self.number = number
            self.url = url
        }
    }

    public var language: Language
    public var repo: String
    /// The report's title (`2026 第 14 周技术周报`).
    public var title: String
    /// The executive summary, plain text.
    public var summary: String
    public var prCount: Int
    public var themes: [Item]
    public var highlights: [Item]
    public var risks: [Item]
    /// The full report on the website.
    public var url: String
    /// True when the week was delivered before and its report has changed since (late data, a new profile).
    public var isUpdate: Bool

    public init(
        language: Language, repo: String, title: String, summary: String, prCount: Int, themes: [Item], highlights: [Item],
        risks: [Item], url: String, isUpdate: Bool = false
    ) {
        self.language = language
        self.repo = repo
        self.title = title
        self.summary = summary
        self.prCount = prCount
        self.themes = themes
        self.highlights = highlights
        self.risks = risks
        self.url = url
        self.isUpdate = isUpdate
    }

    /// The headings every channel uses, in the message's language.
    public var headings: (themes: String, highlights: String, risks: String, link: String, update: String) {
        let pick = language.pick
        return (pick("主题", "Themes"), pick("重点 PR", "Highlights"), pick("主要风险", "Top risks"),
                pick("阅读完整周报", "Read the full report"), pick("（更新）", " (updated)"))
    }

    /// The line that names the message (a card's header, an email's subject): title, update mark, repository.
    public var heading: String { title + (isUpdate ? headings.update : "") + " · " + repo }

    /// The same message with fewer items: the last highlight goes first, then themes, then risks. Channels
    /// shorten by this rule until the message fits their limit; nil when nothing is left to drop.
    public func shortened() -> WeekMessage? {
        var shorter = self
        if shorter.highlights.count > 1 { shorter.highlights.removeLast() }
        else if shorter.themes.count > 1 { shorter.themes.removeLast() }
        else if !shorter.risks.isEmpty { shorter.risks.removeLast() }
        else if !shorter.highlights.isEmpty { shorter.highlights.removeLast() }
        else if !shorter.themes.isEmpty { shorter.themes.removeLast() }
        else if shorter.summary.count > 200 { shorter.summary = shorter.summary.clipped(to: 200) }
        else { return nil }
        return shorter
    }
}
