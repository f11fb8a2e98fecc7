import Foundation
import PRHubModel
import PRHubPipeline
import PRHubTestSupport
import Testing

/// On every 2026 week of the four real histories: the highlights are about a quarter of the week (at
/// least 5, at most 20), and every highlight is at least as important as every PR left out — but for a PR
/// the week itself undid (reverted within it, or a revert whose work landed again after it).
@Suite(.enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
struct HighlightInvariantTests {
    @Test(arguments: ["vllm-ascend", "ao", "tpu-inference", "guidellm"])
    func everyHighlightOutranksEveryPRLeftOut(history: String) throws {
        let repository = [
            "vllm-ascend": "vllm-project/vllm-ascend", "ao": "pytorch/ao", "tpu-inference": "vllm-project/tpu-inference",
            "guidellm": "vllm-project/guidellm",
        ][history]!
        guard let loaded = try RealWeeks.load(history, repository) else {
            try #require(Bool(false), "../shared/data is absent: the real histories cannot be replayed")
            return
        }
        let weeks = Set(try loaded.store.mergeTimes(loaded.name).map { ISOWeek(containing: RealWeeks.zone.localDate(of: $0)) })
            .filter { $0.year == 2026 }
        var checked = 0
        for week in weeks.sorted() {
            let digest = try #require(try RealWeeks.digest(history, repository, week: week))
            let target = min(digest.prCount, max(5, min(20, Int((Double(digest.prCount) / 4).rounded()))))
            #expect(digest.highlights.count == target, "\(history) \(week): \(digest.highlights.count) highlights of \(digest.prCount)")
            let chosen = Set(digest.highlights)
            let undone = Self.undone(digest.prs)
            let lowestIn = digest.prs.filter { chosen.contains($0.number) && !undone.contains($0.number) }.map(\.importance).min() ?? 5
            let passedOver = digest.prs.filter { !chosen.contains($0.number) && !undone.contains($0.number) && $0.importance > lowestIn }
            #expect(passedOver.isEmpty, "\(history) \(week): \(passedOver.map { "#\($0.number) (\($0.importance))" }) left out, a highlight has \(lowestIn)")
            checked += 1
        }
        print("highlight invariant: \(history), \(checked) weeks of 2026 checked")
        #expect(checked > 0)
    }

    /// The PRs a week undid, read from the digest alone.
    static func undone(_ prs: [Digest.PR]) -> Set<Int> {
        let reverted = Set(prs.compactMap(\.reverts))
        let relanded = prs.filter { revert in
            guard let target = revert.reverts else { return false }
            return prs.contains { $0.fixes.contains(target) && $0.mergedAt > revert.mergedAt }
        }
        return reverted.union(relanded.map(\.number))
    }
}
