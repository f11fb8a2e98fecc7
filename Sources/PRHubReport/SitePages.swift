import PRHubModel

/// The website's other pages: the list of repositories, a repository's archive, and the friendly 404.
public enum SitePages {
    public struct WeekRow: Sendable {
        public var week: String
        public var slug: String
        public var start: LocalDate
        public var end: LocalDate
        public var prCount: Int
        public var highlightCount: Int
        public var risks: [Digest.RiskCount]
        public init(week: String, slug: String, start: LocalDate, end: LocalDate, prCount: Int, highlightCount: Int, risks: [Digest.RiskCount]) {
            self.week = week
            self.slug = slug
            self.start = start
            self.end = end
            self.prCount = prCount
            self.highlightCount = highlightCount
            self.risks = risks
        }
    }

    public struct RepositoryRow: Sendable {
        public var name: String
        public var latestSlug: String?
        public var latestWeek: String?
        public var weeklyCounts: [Int]
        public init(name: String, latestSlug: String?, latestWeek: String?, weeklyCounts: [Int]) {
            self.name = name
            self.latestSlug = latestSlug
            self.latestWeek = latestWeek
            self.weeklyCounts = weeklyCounts
        }
    }

    public static func index(_ rows: [RepositoryRow], language: Language) -> String {
        let pick = language.pick
        var body = "<header><h1>PRHub</h1><p class=\"meta\">\(pick("开源仓库的技术周报", "Weekly engineering reports of open-source repositories"))</p></header>\n"
        if rows.isEmpty {
            body += "<p>\(pick("还没有仓库。用 prhub ingest 导入一个。", "No repository yet: add one with prhub ingest."))</p>"
        } else {
            body += "<table><thead><tr><th>\(pick("仓库", "Repository"))</th><th>\(pick("最新周报", "Latest report"))</th><th>\(pick("每周 PR", "PRs per week"))</th></tr></thead><tbody>"
            for row in rows {
                let name = HTMLText.escape(row.name)
                let latest = row.latestSlug.map { "<a href=\"/\(name)/reports/\(HTMLText.escape($0)).\(language.rawValue).html\">\(HTMLText.escape(row.latestWeek ?? $0))</a>" } ?? "–"
                body += "<tr><td><a href=\"/\(name)\">\(name)</a></td><td>\(latest)</td><td>"
                    + SVGChart.sparkline(row.weeklyCounts, label: pick("每周合并的 PR", "PRs merged per week")) + "</td></tr>"
            }
            body += "</tbody></table>"
        }
        return HTMLPage.wrap(title: "PRHub", language: language, body: body)
    }

    public static func archive(repo: String, weeks: [WeekRow], language: Language) -> String {
        let pick = language.pick
        let name = HTMLText.escape(repo)
        var body = "<nav><a href=\"/\">PRHub</a><a href=\"/\(name)/feed.xml\">Atom</a></nav>"
        body += "<header><h1>\(name)</h1><p class=\"meta\">\(pick("\(weeks.count) 周有合并的 PR", "\(weeks.count) weeks with merged PRs"))</p></header>\n"
        body += SVGChart.columns(title: pick("每周合并的 PR", "PRs merged per week"),
            items: weeks.reversed().map { ($0.week, $0.prCount) })
        body += "<table><thead><tr><th>\(pick("周", "Week"))</th><th>\(pick("日期", "Dates"))</th><th>PR</th><th>\(pick("重点", "Highlights"))</th><th>\(pick("风险", "Risks"))</th></tr></thead><tbody>"
        for week in weeks {
            let risks = week.risks.map { "\(HTMLText.escape($0.kind.rawValue)) \($0.count)" }.joined(separator: ", ")
            body += "<tr><td><a href=\"/\(name)/reports/\(HTMLText.escape(week.slug)).\(language.rawValue).html\">\(HTMLText.escape(week.week))</a></td>"
                + "<td>\(week.start) – \(week.end)</td><td>\(week.prCount)</td><td>\(week.highlightCount)</td><td>\(risks)</td></tr>"
        }
        body += "</tbody></table>"
        return HTMLPage.wrap(title: "\(repo) · PRHub", language: language, body: body)
    }

    /// A 404 that helps: it names the weeks that do exist.
    public static func notFound(repo: String?, weeks: [(week: String, slug: String)], language: Language) -> String {
        let pick = language.pick
        var body = "<header><h1>\(pick("没有这一周的周报", "No report for that week"))</h1></header>"
        if let repo {
            let name = HTMLText.escape(repo)
            if weeks.isEmpty {
                body += "<p>\(pick("这个仓库还没有数据。", "This repository has no data yet."))</p>"
            } else {
                body += "<p>\(pick("有数据的周：", "Weeks with data:"))</p><ul>"
                for week in weeks.prefix(30) {
                    body += "<li><a href=\"/\(name)/reports/\(HTMLText.escape(week.slug))\">\(HTMLText.escape(week.week))</a></li>"
                }
                body += "</ul>"
            }
            body += "<p><a href=\"/\(name)\">\(pick("全部周报", "All weeks"))</a></p>"
        } else {
            body += "<p><a href=\"/\">\(pick("返回首页", "Back to the front page"))</a></p>"
        }
        return HTMLPage.wrap(title: pick("未找到", "Not found"), language: language, body: body)
    }
}
