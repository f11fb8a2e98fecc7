/// The single source of truth for one report: every renderer and writer reads this value alone.
/// Keys follow SPEC.md; `summary`, `evidence`, `key` and `kind` are PRHub's documented extensions.
public struct Digest: Codable, Sendable, Equatable {
    public var repo: String
    public var period: PeriodInfo
    public var prCount: Int
    public var directCommitCount: Int
    public var highlightCount: Int
    public var averageImportance: Double
    public var averageInsight: Double
    public var labels: [NameCount]
    public var authors: [Author]
    public var hotFiles: [PathCount]
    public var modules: [NameCount]
    public var risks: [RiskCount]
    public var highlights: [Int]
    public var themes: [Theme]
    public var prs: [PR]
    public var recommendations: [Recommendation]
    /// People who reviewed the week's PRs on GitHub, by PRs reviewed; absent without GitHub data.
    public var reviewers: [NameCount]?
    /// Only with `--writer llm`: which sections the model wrote and what the verifier found.
    public var writer: WriterReport?
    /// Present when the period reaches beyond the history the store has read from the clone: PRs merged
    /// outside what was read are not in this report.
    public var coverage: Coverage?

    public struct Coverage: Codable, Sendable, Equatable {
        /// The oldest commit read, when the clone is shallow (ISO 8601 in the period's zone).
        public var readFrom: String?
        /// When the clone was last read.
        public var readUntil: String

        public init(readFrom: String?, readUntil: String) {
            self.readFrom = readFrom
            self.readUntil = readUntil
        }
    }

    public init(
        repo: String, period: PeriodInfo, prCount: Int, directCommitCount: Int, highlightCount: Int,
        averageImportance: Double, averageInsight: Double, labels: [NameCount], authors: [Author],
        hotFiles: [PathCount], modules: [NameCount], risks: [RiskCount], highlights: [Int], themes: [Theme],
        prs: [PR], recommendations: [Recommendation]
    ) {
        self.repo = repo
        self.period = period
        self.prCount = prCount
        self.directCommitCount = directCommitCount
        self.highlightCount = highlightCount
        self.averageImportance = averageImportance
        self.averageInsight = averageInsight
        self.labels = labels
        self.authors = authors
        self.hotFiles = hotFiles
        self.modules = modules
        self.risks = risks
        self.highlights = highlights
        self.themes = themes
        self.prs = prs
        self.recommendations = recommendations
    }

    public struct PeriodInfo: Codable, Sendable, Equatable {
        public var week: String?
        public var start: LocalDate
        public var end: LocalDate
        public var timeZone: String

        public init(week: String?, start: LocalDate, end: LocalDate, timeZone: String) {
            self.week = week
            self.start = start
            self.end = end
            self.timeZone = timeZone
        }

        // `week` is always present, null for a period that is not one ISO week.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(week, forKey: .week)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(timeZone, forKey: .timeZone)
        }
    }

    public struct NameCount: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public struct PathCount: Codable, Sendable, Equatable {
        public var path: String
        public var count: Int
        public init(path: String, count: Int) {
            self.path = path
            self.count = count
        }
    }

    public struct Author: Codable, Sendable, Equatable {
        public var name: String
        public var login: String?
        public var count: Int
        /// The labels this author's PRs carried most.
        public var focus: [String]
        public init(name: String, login: String?, count: Int, focus: [String]) {
            self.name = name
            self.login = login
            self.count = count
            self.focus = focus
        }
    }

    public struct RiskCount: Codable, Sendable, Equatable {
        public var kind: RiskKind
        public var count: Int
        public var prs: [Int]
        public init(kind: RiskKind, count: Int, prs: [Int]) {
            self.kind = kind
            self.count = count
            self.prs = prs
        }
    }

    public struct Theme: Codable, Sendable, Equatable {
        /// What the theme is about (`Topic.key`: `spec-decode`, `model:Qwen`, `hardware:310P`).
        public var key: String
        /// Its name in English; writers name it in the report's language from `key` and `subject`.
        public var title: String
        /// The variants a model family's theme covers, as the titles write them (`Qwen3.5 / Qwen3-VL`).
        public var subject: String?
        public var prs: [Int]
        public init(key: String, title: String, subject: String? = nil, prs: [Int]) {
            self.key = key
            self.title = title
            self.subject = subject
            self.prs = prs
        }

        public var topic: Topic? { Topic(key: key) }
    }

    public struct File: Codable, Sendable, Hashable {
        public var path: String
        public var additions: Int
        public var deletions: Int
        public init(path: String, additions: Int, deletions: Int) {
            self.path = path
            self.additions = additions
            self.deletions = deletions
        }
    }

    public struct PR: Codable, Sendable, Equatable {
        public var number: Int
        public var title: String
        public var author: String
        public var login: String?
        /// ISO 8601 in the report's zone.
        public var mergedAt: String
        public var labels: [String]
        public var modules: [String]
        public var additions: Int
        public var deletions: Int
        public var files: [File]
        public var importance: Int
        public var insight: Int
        public var risks: [RiskKind]
        public var reverts: Int?
        public var fixes: [Int]
        /// What the PR does, in its author's words (first sentences of the description).
        public var summary: String
        /// Why each risk was raised.
        public var evidence: [RiskFinding]
        /// Results the description claims (speed-ups, percentages), each with its sentence.
        public var claims: [String]
        /// The description's answer to "user-facing change?", when it is not "no".
        public var userFacing: String?
        /// A sentence announcing a breaking change.
        public var breaking: String?
        /// Issues it closes (`Fixes #N` where N is not a PR).
        public var issues: [Int]
        /// PRs merged after the period that revert or fix this one (potential regressions).
        public var revertedBy: [Int]
        public var fixedBy: [Int]
        /// Review on GitHub; absent for PRs known from git alone.
        public var review: Review?
        /// The kind of change (`bugfix`, `feature`, `performance`, …), from tags, title and files.
        public var kind: ChangeKind = .other
        /// What it is about (`Topic.key`), strongest first.
        public var topics: [String] = []
        /// The figures of the results its description claims.
        public var figures: [ClaimedFigure] = []
        /// The impact rules its title fired (`failure`, `release`, `breaking`, `deprecation`, `default-change`, `new-interface`, `upstream-sync`, `mechanical`, `release-notes`).
        public var impacts: [Impact] = []
        /// False when the clone could not tell its size: a shallow clone's boundary commit (files unknown)
        /// or contents missing from a partial clone (line counts unknown). Its sizes are then left out.
        public var sizeKnown = true

        public init(
            number: Int, title: String, author: String, login: String?, mergedAt: String, labels: [String],
            modules: [String], additions: Int, deletions: Int, files: [File], importance: Int, insight: Int,
            risks: [RiskKind], reverts: Int?, fixes: [Int], summary: String, evidence: [RiskFinding], claims: [String],
            userFacing: String? = nil, breaking: String? = nil, issues: [Int] = [], revertedBy: [Int] = [], fixedBy: [Int] = [],
            review: Review? = nil
        ) {
            self.number = number
            self.title = title
            self.author = author
            self.login = login
            self.mergedAt = mergedAt
            self.labels = labels
            self.modules = modules
            self.additions = additions
            self.deletions = deletions
            self.files = files
            self.importance = importance
            self.insight = insight
            self.risks = risks
            self.reverts = reverts
            self.fixes = fixes
            self.summary = summary
            self.evidence = evidence
            self.claims = claims
            self.userFacing = userFacing
            self.breaking = breaking
            self.issues = issues
            self.revertedBy = revertedBy
            self.fixedBy = fixedBy
            self.review = review
        }
    }

    public struct Recommendation: Codable, Sendable, Equatable {
        /// Which rule produced it; writers say it in the report's language from this and the fields below.
        public var kind: RecommendationKind
        /// The advice in English.
        public var text: String
        public var prs: [Int]
        /// Names it is about (a file, variables, platforms).
        public var subjects: [String]
        /// Earlier PRs it is about (those reverted or fixed).
        public var related: [Int]
        /// How many PRs touched the subject (a hot file).
        public var count: Int?
        public init(kind: RecommendationKind, text: String, prs: [Int], subjects: [String] = [], related: [Int] = [], count: Int? = nil) {
            self.kind = kind
            self.text = text
            self.prs = prs
            self.subjects = subjects
            self.related = related
            self.count = count
        }
    }
}

extension Digest {
    public func pr(_ number: Int) -> PR? { prs.first { $0.number == number } }
}

extension Digest {
    /// A digest with only a repository and a period, for titles of reports not generated yet.
    public static func placeholder(repo: String, period: Period) -> Digest {
        Digest(
            repo: repo,
            period: .init(week: period.week?.description, start: period.start, end: period.end, timeZone: period.zone.name),
            prCount: 0, directCommitCount: 0, highlightCount: 0, averageImportance: 0, averageInsight: 0, labels: [],
            authors: [], hotFiles: [], modules: [], risks: [], highlights: [], themes: [], prs: [], recommendations: [])
    }
}

extension Period {
    /// A period carrying a digest's dates (for titles only; zone falls back to UTC when unknown).
    public init(placeholderFrom info: Digest.PeriodInfo) {
        let zone = (try? ReportTimeZone(info.timeZone)) ?? .utc
        if let week = info.week.flatMap({ try? ISOWeek($0) }) {
            self.init(week: week, zone: zone)
        } else {
            self = (try? Period(since: info.start, until: info.end, zone: zone)) ?? Period(week: ISOWeek(containing: info.start), zone: zone)
        }
    }
}
