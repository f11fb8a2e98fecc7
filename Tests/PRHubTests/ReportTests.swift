import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

@Suite struct ReportTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    func generator(_ repo: TestRepository) throws -> ReportGenerator {
        let store = try Store.inMemory()
        let git = try GitRepository(path: repo.path)
        _ = try Ingestion(store: store, repository: git, name: Fixtures.name).run()
        let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
        return ReportGenerator(store: store, repository: git, profile: profile)
    }

    func request(_ week: String, _ language: Language = .en, _ format: ReportRequest.Format = .md) throws -> ReportRequest {
        ReportRequest(repository: Fixtures.name, period: Period(week: try ISOWeek(week), zone: .utc), language: language,
            format: format, baseURL: "https://reports.example.org")
    }

    @Test func theDigestCarriesEveryRiskWithItsCase() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let digest = try generator(repo).digest(try request("2026-W14"))
        #expect(digest.prCount == 7)
        #expect(digest.directCommitCount == 1)
        #expect(digest.prs.map(\.number) == [50, 51, 52, 53, 54, 55, 56])
        let risks = Dictionary(uniqueKeysWithValues: digest.risks.map { ($0.kind, $0.prs) })
        #expect(risks[.revert] == [55])
        #expect(risks[.followUpFix] == [51])
        #expect(risks[.envVar] == [50])
        #expect(risks[.dependency] == [53])
        #expect(risks[.platform] == [54])
        #expect(risks[.testsReduced] == [52])
        #expect(risks[.missingTests]?.contains(50) == true)
        #expect(risks[.corePath]?.contains(51) == true)
        #expect(digest.pr(55)?.reverts == 40)
        #expect(digest.pr(51)?.fixes == [40])
        #expect(digest.pr(50)?.evidence.first { $0.kind == .envVar }?.notation == "ENGINE_KV_LAYOUT (engine/envs.py)")
        #expect(digest.pr(50)?.claims == ["It cuts peak memory by 30% and gives 1.8x higher throughput on 32k prompts."])
        #expect(digest.highlights.count == 5)
        #expect(digest.highlights.first == 50)
        #expect(digest.hotFiles.first == Digest.PathCount(path: "engine/core/scheduler.py", count: 3))
        #expect(digest.authors.map(\.count) == [3, 3, 1])
        #expect(digest.recommendations.allSatisfy { !$0.prs.isEmpty })
        // Themes hold PRs by topic, each PR in one at most; the claims become typed figures.
        let themed = digest.themes.flatMap(\.prs)
        #expect(themed.count == Set(themed).count)
        #expect(digest.pr(50)?.figures.map(\.value) == ["30%", "1.8x"])
        #expect(digest.pr(50)?.figures.last?.metric == .throughput)
    }

    @Test func diffTextStoredAtIngestServesReportsWithoutTheClone() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let git = try GitRepository(path: repo.path)
        let wantsDiff = try ProfileResolver.diffFilter(file: nil, repository: git, name: Fixtures.name)
        let withLines = try Store.inMemory()
        _ = try Ingestion(store: withLines, repository: git, name: Fixtures.name, wantsDiff: wantsDiff).run()
        let without = try Store.inMemory()
        _ = try Ingestion(store: without, repository: git, name: Fixtures.name).run()
        func digest(_ store: Store) throws -> Digest {
            let profile = try ProfileResolver.resolve(file: nil, repository: git, name: Fixtures.name, store: store)
            return try ReportGenerator(store: store, repository: nil, profile: profile).digest(try request("2026-W14"))
        }
        // No clone at report time: the stored lines alone show the new variable and the new package.
        let stored = try digest(withLines)
        #expect(stored.pr(50)?.evidence.first { $0.kind == .envVar }?.notation == "ENGINE_KV_LAYOUT (engine/envs.py)")
        #expect(stored.pr(53)?.evidence.first { $0.kind == .dependency }?.notation == "+msgspec (requirements.txt)")
        #expect(stored.pr(53)?.evidence.first { $0.kind == .dependencyUpdate }?.notation == "~torch (requirements.txt)")
        #expect(try digest(without).risks.contains { $0.kind == .dependency } == false)

        // An incremental ingest stores the lines of the new commits; files the profile does not want are not stored.
        let sha = try repo.squashMerge(number: 60, title: "Pin numpy", files: ["requirements.txt": .text("torch==2.6.0\nnumpy<3\nmsgspec>=0.18\n"), "src/a.py": .lines(3)],
            date: "2026-04-10T12:00:00Z")
        let again = try Ingestion(store: withLines, repository: git, name: Fixtures.name, wantsDiff: wantsDiff).run()
        #expect(again.incremental)
        let lines = try withLines.commitLines(Fixtures.name, shas: [sha])
        #expect(lines[sha] == ["requirements.txt": LineChanges(added: ["numpy<3"], removed: ["numpy"])])
    }

    @Test func aLaterReportShowsWhatWasRevertedOrFixedAfterwards() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let generator = try generator(repo)
        let digest = try generator.digest(try request("2026-W12"))
        #expect(digest.pr(40)?.revertedBy == [55])
        #expect(digest.pr(40)?.fixedBy == [51])
        let markdown = try generator.render(try request("2026-W12"))
        // What a lead must know first, in the summary; the whole story of the PR in the appendix.
        #expect(markdown.contains("[#40](https://github.com/acme/engine/pull/40) was later reverted by [#55](https://github.com/acme/engine/pull/55)"))
        #expect(markdown.contains("reverted by [#55](https://github.com/acme/engine/pull/55); fixed by [#51](https://github.com/acme/engine/pull/51)"))
    }

    @Test func theDigestJSONHasExactlyTheContractKeys() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let json = try generator(repo).render(try request("2026-W14", .en, .json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "repo", "period", "prCount", "directCommitCount", "highlightCount", "averageImportance", "averageInsight",
            "labels", "authors", "hotFiles", "modules", "risks", "highlights", "themes", "prs", "recommendations",
        ])
        let period = try #require(object["period"] as? [String: Any])
        #expect(period["week"] as? String == "2026-W14")
        #expect(period["start"] as? String == "2026-03-30")
        #expect(period["end"] as? String == "2026-04-05")
        #expect(period["timeZone"] as? String == "UTC")
        let pr = try #require((object["prs"] as? [[String: Any]])?.first)
        for key in ["number", "title", "author", "login", "mergedAt", "labels", "modules", "additions", "deletions", "files",
                    "importance", "insight", "risks", "fixes"] {
            #expect(pr[key] != nil, "missing \(key)")
        }
    }

    @Test func anEmptyWeekIsAShortValidReport() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let generator = try generator(repo)
        let zh = try generator.render(try request("2026-W20", .zh))
        #expect(zh.hasPrefix("# 2026 第 20 周技术周报 (05-11 至 05-17)"))
        #expect(zh.contains("没有合并任何 PR"))
        #expect(!zh.contains("## 2."))
        let digest = try generator.digest(try request("2026-W20"))
        #expect(digest.prCount == 0 && digest.highlights.isEmpty && digest.averageImportance == 0)
    }

    @Test(arguments: [(Language.zh, ReportRequest.Format.md), (.en, .md), (.zh, .html), (.en, .html)])
    func reportMatchesTheReviewedGoldenFile(language: Language, format: ReportRequest.Format) throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let text = try generator(repo).render(try request("2026-W14", language, format))
        let golden = Self.goldenFolder.appendingPathComponent("acme-engine-2026-W14.\(language.rawValue).\(format.rawValue)")
        if ProcessInfo.processInfo.environment["PRHUB_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenFolder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected, "regenerate with PRHUB_UPDATE_GOLDEN=1 swift test --filter ReportTests and review the diff")
    }

    @Test func hostileTitlesCannotInjectMarkdownOrHTML() throws {
        let repo = try Fixtures.riskyWeek()
        defer { repo.remove() }
        let markdown = try generator(repo).render(try request("2026-W14"))
        #expect(!markdown.contains("<script>"))
        #expect(!markdown.contains("[x](javascript:"))
        #expect(markdown.contains("Carol \\*Dev\\* \\[x\\](javascript:alert(1))"))
        #expect(markdown.contains("Describe the KV layouts \\| \\*new\\* \\<script\\>alert(1)\\</script\\>"))
    }
}
