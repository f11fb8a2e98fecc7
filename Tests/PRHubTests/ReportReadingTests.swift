import Foundation
import PRHubGit
import PRHubModel
import PRHubPipeline
import PRHubReport
import PRHubStore
import PRHubTestSupport
import Testing

/// The five-minute budget and "Chinese that is Chinese", on the busiest 2026 week of each real history.
@Suite(.serialized, .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
struct ReportReadingTests {
    static let histories = [
        ("vllm-ascend", "vllm-project/vllm-ascend"), ("ao", "pytorch/ao"), ("tpu-inference", "vllm-project/tpu-inference"),
        ("guidellm", "vllm-project/guidellm"),
    ]

    @Test(arguments: histories)
    func theMainPartFitsFiveMinutesAndTheChineseIsChinese(history: String, repo: String) throws {
        let week = try #require(try RealWeeks.busiestWeek(history, repo))
        let digest = try #require(try RealWeeks.digest(history, repo, week: week))
        let zh = TemplateWriter(language: .zh, baseURL: "http://x").document(digest)
        let en = TemplateWriter(language: .en, baseURL: "http://x").document(digest)
        let zhReading = zh.mainReading
        let enReading = en.mainReading
        print("reading \(repo) \(digest.period.week ?? "") \(digest.prCount) PRs, \(digest.themes.count) themes:"
            + " zh \(zhReading.visibleCharacters) visible characters, Chinese share \(String(format: "%.2f", zhReading.chineseShare));"
            + " en \(enReading.words) words")
        // The budget shrinks with the week: 4,500 characters / 900 words at 250 PRs, less below.
        #expect(zhReading.visibleCharacters <= TemplateWriter.budget(.zh, prCount: digest.prCount))
        #expect(enReading.words <= TemplateWriter.budget(.en, prCount: digest.prCount))
        #expect(zhReading.chineseShare >= 0.85)
        #expect((3...6).contains(digest.themes.count) || digest.prCount < 8)
        // Nothing is lost: every PR of the week is linked from the appendix.
        let markdown = MarkdownSerializer().serialize(zh)
        let appendix = try #require(markdown.range(of: "## 附录"))
        for pr in digest.prs {
            #expect(markdown[appendix.upperBound...].contains("/pull/\(pr.number))"), "#\(pr.number) is missing from the appendix")
        }
    }
}
