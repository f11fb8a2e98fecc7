import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubGit
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// Real vllm-ascend pull requests (numbers, titles, bodies, merge commits, file lists) served by the fake
/// GitHub, synced into a store that already holds the same history from git.
@Suite(.serialized, .enabled(if: SharedData.folder != nil, "../shared (real histories and replay-history) is not beside the checkout")) struct RealGitHubSyncTests {
    @Test func realPRsSyncWithinTheRequestBudgetAndMergeWithGit() async throws {
        let path = try #require(RealHistoryTests.repositoryPath)
        let name = try RepositoryName("vllm-project/vllm-ascend")
        let store = try Store.inMemory()
        let git = try GitRepository(path: path)
        _ = try Ingestion(store: store, repository: git, name: name).run()
        // Four busy weeks: about as many PRs as one week of vllm-project/vllm.
        let since = Period(week: try ISOWeek("2026-W10"), zone: .utc).startInstant
        let until = Period(week: try ISOWeek("2026-W13"), zone: .utc).endInstant
        let prs = try store.pullRequests(name, from: since, to: until)
        let changes = try store.changeCount(name)
        let fakes = prs.map { pr -> FakeGitHub.PR in
            var fake = FakeGitHub.PR(number: pr.number, title: pr.title, body: pr.body, author: pr.login ?? "someone",
                mergedAt: pr.mergedAt, mergeSHA: pr.mergeSHA)
            fake.files = pr.files.map { ($0.path, $0.additions, $0.deletions) }
            fake.reviews = [("maintainer", false, "APPROVED", "")]
            fake.threads = [(pr.files.first?.path ?? "", true, [("maintainer", false, "Please add a test.")])]
            return fake
        }
        let big = prs.filter { $0.files.count > 100 }.count
        let state = FakeGitHub.State(pullRequests: fakes)
        try await FakeGitHub.application(state: state).test(.live) { client in
            let github = GitHubClient(endpoint: try GitHubEndpoint("http://127.0.0.1:\(client.port!)"), token: "test-token")
            let result = try await GitHubSync(store: store, client: github, name: name).run(since: since, until: until)
            let requests = await github.requests
            let points = await github.points
            print("real vllm-ascend 2026-W10..W13: \(prs.count) PRs (\(big) with more than 100 files) → \(requests) requests "
                + "(\(result.searches) search pages, \(result.followUps) follow-ups), \(points) GraphQL points")
            #expect(result.pullRequests == prs.count)
            #expect(requests <= (prs.count + 24) / 25 + big)
        }
        #expect(try store.changeCount(name) == changes, "GitHub's PRs are git's PRs: nothing stored twice")
        let merged = try store.pullRequests(name, from: since, to: until)
        #expect(merged.count == prs.count)
        #expect(merged.allSatisfy { $0.discussion?.reviews.count == 1 })
        #expect(zip(merged, prs).allSatisfy { $0.files == $1.files }, "git keeps the files it read")
    }
}
