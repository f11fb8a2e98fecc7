import Foundation
import PRHubModel

/// Follow-up actions, each triggered by concrete PRs of the week, most urgent first.
enum Recommender {
    static func recommend(
        _ prs: [WeekAnalysis.AnalyzedPR], highlights: [Int], hotFiles: [(path: String, count: Int)]
    ) -> [WeekAnalysis.Recommendation] {
        // PRs are picked and ordered by index, their standings read once: filtering and sorting the PRs
        // themselves copied each of them several times.
        let standings = prs.map(HighlightSelector.Standing.init)
        func with(_ kind: RiskKind) -> [Int] {
            prs.indices.filter { prs[$0].findings.contains { $0.kind == kind } }
        }
        func numbers(_ list: [Int], limit: Int = 5) -> [Int] {
            Array(list.sorted { standings[$0] > standings[$1] }.prefix(limit).map { prs[$0].pullRequest.number })
        }
        var result: [WeekAnalysis.Recommendation] = []

        let reverts = with(.revert)
        if !reverts.isEmpty {
            let reverted = reverts.compactMap { prs[$0].reverts }
            result.append(.init(kind: .watchReverts, related: reverted, prs: numbers(reverts)))
        }
        let untested = with(.missingTests)
        let untestedCore = untested.filter { prs[$0].findings.contains { $0.kind == .corePath } }
        if !untestedCore.isEmpty {
            result.append(.init(kind: .addCoreTests, prs: numbers(untestedCore)))
        } else if !untested.isEmpty {
            result.append(.init(kind: .addTests, prs: numbers(untested)))
        }
        let fixes = with(.followUpFix)
        if !fixes.isEmpty {
            let fixed = Array(Set(fixes.flatMap { prs[$0].fixes })).sorted()
            result.append(.init(kind: .reviewFixChains, related: fixed, prs: numbers(fixes)))
        }
        let open = prs.indices.filter { (prs[$0].review?.unresolvedThreads ?? 0) > 0 || (prs[$0].review?.changesRequested ?? 0) > 0 }
        if !open.isEmpty {
            result.append(.init(kind: .settleOpenReview, prs: numbers(open)))
        }
        let reduced = with(.testsReduced)
        if !reduced.isEmpty {
            result.append(.init(kind: .confirmTestRemovals, prs: numbers(reduced)))
        }
        let envs = with(.envVar)
        if !envs.isEmpty {
            let names = envs.flatMap { prs[$0].findings.flatMap { $0.variables ?? [] }.map(\.name) }
            var seen = Set<String>()
            result.append(.init(kind: .documentEnvVars, subjects: names.filter { seen.insert($0).inserted }, prs: numbers(envs)))
        }
        let dependencies = Array(Set(with(.dependency) + with(.dependencyUpdate))).sorted()
        if !dependencies.isEmpty {
            result.append(.init(kind: .checkDependencies, prs: numbers(dependencies)))
        }
        let platform = with(.platform)
        if platform.count >= 2 {
            let names = platform.flatMap { prs[$0].findings.flatMap { $0.platforms ?? [] }.map(\.name) }
            var seen = Set<String>()
            result.append(.init(kind: .platformMatrix, subjects: names.filter { seen.insert($0).inserted }, prs: numbers(platform)))
        }
        if let hottest = hotFiles.first, hottest.count >= 4 {
            let touching = prs.indices.filter { prs[$0].pullRequest.files.contains { $0.path == hottest.path } }
            result.append(.init(kind: .hotFile, subjects: [hottest.path], count: hottest.count, prs: numbers(touching)))
        }
        if !highlights.isEmpty {
            result.append(.init(kind: .readHighlights, prs: Array(highlights.prefix(3))))
        }
        return result
    }
}
