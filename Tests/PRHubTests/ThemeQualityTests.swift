import Foundation
import PRHubModel
import PRHubTestSupport
import Testing

/// Themes against an expert's grouping of four real weeks (Labels/themes.json), scored on pairs of PRs:
/// precision is the share of PRHub's same-theme pairs the expert also put together, recall the reverse.
@Suite(.serialized, .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
struct ThemeQualityTests {
    struct Labels: Decodable {
        struct Week: Decodable {
            struct Theme: Decodable {
                var name: String
                var prs: [Int]
            }
            var repo: String
            var history: String
            var week: String
            var themes: [Theme]
        }
        var weeks: [Week]
    }

    static func pairs(_ groups: [[Int]]) -> Set<[Int]> {
        var result = Set<[Int]>()
        for group in groups {
            let sorted = group.sorted()
            for i in sorted.indices { for j in sorted.indices where j > i { result.insert([sorted[i], sorted[j]]) } }
        }
        return result
    }

    @Test func themesAgreeWithAnExpertsGrouping() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Labels/themes.json")
        let labels = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: url))
        var totalBoth = 0, totalOurs = 0, totalTheirs = 0
        for week in labels.weeks {
            let digest = try #require(try RealWeeks.digest(week.history, week.repo, week: try ISOWeek(week.week)))
            let ours = Self.pairs(digest.themes.map(\.prs))
            let theirs = Self.pairs(week.themes.map(\.prs))
            let both = ours.intersection(theirs).count
            totalBoth += both
            totalOurs += ours.count
            totalTheirs += theirs.count
            print("themes \(week.repo) \(week.week): precision \(Self.ratio(both, ours.count)), recall \(Self.ratio(both, theirs.count)); "
                + digest.themes.map { "\($0.title) (\($0.prs.count))" }.joined(separator: ", "))
        }
        let precision = Double(totalBoth) / Double(max(1, totalOurs))
        let recall = Double(totalBoth) / Double(max(1, totalTheirs))
        print("themes overall: pair precision \(Self.ratio(totalBoth, totalOurs)), pair recall \(Self.ratio(totalBoth, totalTheirs))")
        // Floors from the first honest measurement, a little below it.
        #expect(precision >= Self.precisionFloor)
        #expect(recall >= Self.recallFloor)
    }

    /// First measured: pair precision 0.47, recall 0.63 (2026-12-05).
    static let precisionFloor = 0.45
    static let recallFloor = 0.60

    static func ratio(_ a: Int, _ b: Int) -> String { String(format: "%.2f", Double(a) / Double(max(1, b))) }
}
