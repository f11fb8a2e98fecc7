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

/// A real week's report, reviewed by eye, pinned by fingerprint: its text is the history's own PR titles
/// and descriptions, which stay in ../shared and out of the repository. `PRHUB_UPDATE_GOLDEN=1` writes the
/// four files to `.build/golden-real/` for review and records their fingerprints.
@Suite(.serialized, .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout"))
struct RealWeekGoldenTests {
    static let fingerprints = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/vllm-ascend-2026-W14.fingerprints")
    static let review = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/golden-real")

    /// FNV-1a, 64 bits: stable across machines and runs, enough to notice any change of the text.
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }

    @Test func vllmAscendWeek14MatchesItsReviewedFingerprints() throws {
        let digest = try #require(try RealWeeks.digest("vllm-ascend", "vllm-project/vllm-ascend", week: try ISOWeek("2026-W14")))
        var lines: [String] = []
        for language in [Language.zh, .en] {
            for format in [ReportRequest.Format.md, .html] {
                let text = try ReportFormats.render(digest, format: format, language: language, baseURL: "https://reports.example.org")
                let file = "vllm-ascend-2026-W14.\(language.rawValue).\(format.rawValue)"
                lines.append("\(file) \(Self.fingerprint(text))")
                if ProcessInfo.processInfo.environment["PRHUB_UPDATE_GOLDEN"] == "1" {
                    try FileManager.default.createDirectory(at: Self.review, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: Self.review.appendingPathComponent(file))
                }
            }
        }
        let current = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["PRHUB_UPDATE_GOLDEN"] == "1" {
            try Data(current.utf8).write(to: Self.fingerprints)
        }
        let expected = try String(contentsOf: Self.fingerprints, encoding: .utf8)
        #expect(current == expected, "regenerate with PRHUB_UPDATE_GOLDEN=1 swift test --filter RealWeekGoldenTests and review .build/golden-real/")
    }
}
