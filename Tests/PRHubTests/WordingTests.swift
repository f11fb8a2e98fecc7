import Foundation
import PRHubModel
@testable import PRHubReport
import Testing

/// What the writer says a PR does follows what the analysis found, not only the title's words.
@Suite struct WordingTests {
    func pr(kind: ChangeKind, additions: Int = 27, deletions: Int = 0, impacts: [Impact] = []) -> Digest.PR {
        var pr = Digest.PR(
            number: 4242, title: "Skip linear+bn fusion when input is higher than 2-D", author: "a", login: nil,
            mergedAt: "2026-04-07T13:01:00+08:00", labels: [], modules: [], additions: additions, deletions: deletions, files: [],
            importance: 3, insight: 3, risks: [], reverts: nil, fixes: [], summary: "", evidence: [], claims: [])
        pr.kind = kind
        pr.impacts = impacts
        return pr
    }

    @Test func aChangeThatRepairsAFailureIsAFixWhateverItsTitleSays() {
        #expect(Wording.whatItDoes(pr(kind: .performance), .en) == "improves performance")
        #expect(Wording.whatItDoes(pr(kind: .performance, impacts: [.failure]), .en) == "fixes a bug")
        #expect(Wording.whatItDoes(pr(kind: .performance, impacts: [.failure]), .zh) == "修复缺陷")
        // A revert stays a revert; a removal stays a removal.
        #expect(Wording.whatItDoes(pr(kind: .revert, impacts: [.failure]), .en) == "reverts a change")
        #expect(Wording.whatItDoes(pr(kind: .feature, additions: 5, deletions: 300, impacts: [.failure]), .en).hasPrefix("removes code"))
    }
}
