import Foundation
@testable import PRHubAnalysis
import PRHubModel
import Testing

/// The reading order among PRs of equal importance, on PRs made in the test.
@Suite struct HighlightOrderTests {
    func analyzed(_ number: Int, points: Int, insight: Int, lines: Int) -> WeekAnalysis.AnalyzedPR {
        let pr = PullRequest(
            number: number, title: "Change \(number)", body: "", authorName: "a", authorEmail: "a@x", login: "a",
            mergedAt: Date(timeIntervalSince1970: Double(number)), mergeSHA: "s\(number)",
            files: [FileChange(path: "engine/core.py", additions: lines, deletions: 0)])
        return WeekAnalysis.AnalyzedPR(
            pullRequest: pr, labels: [], modules: ["engine"], kind: .feature, topics: TopicClassifier.Scores(),
            importance: min(5, points), importancePoints: points, insight: insight, findings: [], reverts: nil, fixes: [],
            summary: "", claims: [], isBot: false, userFacing: nil, breaking: nil, issues: [])
    }

    @Test func aDescriptionThatTeachesOutweighsOneMoreReasonOnTheDiff() {
        // Six PRs at importance 5 for five seats, four of them with more reasons than the last two: the labeled weeks read a teaching description (causes,
        // measurements) first far more often than one more point from the diff, and more than a bigger diff.
        let teaching = analyzed(1, points: 5, insight: 4, lines: 40)
        let larger = analyzed(2, points: 6, insight: 2, lines: 900)
        let others = (3...6).map { analyzed($0, points: 7, insight: 2, lines: 50) }
        let week = others + [larger, teaching]
        let chosen = HighlightSelector.select(week, themes: [])
        #expect(chosen.count == 5)
        #expect(chosen.contains(1) && !chosen.contains(2))
    }
}
