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

    /// The summary's "know first" sentence, as text with PR numbers.
    func knowFirst(_ prs: [Digest.PR], _ language: Language = .en) -> String {
        let digest = Digest(
            repo: "acme/engine", period: .init(week: "2026-W15", start: LocalDate(iso: "2026-04-06")!, end: LocalDate(iso: "2026-04-12")!,
                timeZone: "UTC"),
            prCount: prs.count, directCommitCount: 0, highlightCount: 0, averageImportance: 3, averageInsight: 3, labels: [], authors: [],
            hotFiles: [], modules: [], risks: [], highlights: [], themes: [], prs: prs, recommendations: [])
        return TemplateWriter(language: language, baseURL: "https://x").mustKnow(WeekFacts(digest)).map { inline in
            switch inline {
            case .text(let text): text
            case .pr(let number): "#\(number)"
            default: ""
            }
        }.joined()
    }

    @Test func theLeadHearsOfBreaksDeprecationsReleasesAndRevertsOfWorkThatMattered() {
        func make(_ number: Int, importance: Int, impacts: [Impact] = [], reverts: Int? = nil) -> Digest.PR {
            var made = pr(kind: .feature, impacts: impacts)
            made.number = number
            made.importance = importance
            made.reverts = reverts
            return made
        }
        // A revert of a benchmark script tweak is no news; a deprecation and a release are.
        let week = [make(1, importance: 2, reverts: 9), make(2, importance: 3, impacts: [.deprecation]), make(3, importance: 3, impacts: [.release])]
        #expect(knowFirst(week) == "Know first: #2 deprecates what users call; #3 changes a release or the versions supported. ")
        #expect(knowFirst([make(4, importance: 4, reverts: 8)]) == "Know first: #4 reverts #8. ")
        #expect(knowFirst([make(1, importance: 2, reverts: 9)]).isEmpty)
        #expect(knowFirst([make(5, importance: 1, impacts: [.releaseNotes])]) == "Know first: #5 publishes the notes of a release. ")
    }
}
