import Foundation
import Hummingbird
import HummingbirdTesting
import PRHubGitHub
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// A GitHub that misbehaves, played by the fake on 127.0.0.1: silence, a body dribbled a byte at a time,
/// a wait of a day, error text made to attack a terminal. The sync must end, say why, and print nothing raw.
@Suite struct GitHubFaultTests {
    typealias Waits = GitHubSyncTests.Waits

    struct Outcome {
        var error: GitHubError?
        var pullRequests: Int
        var notices: [String]
    }

    /// Syncs 2026-W14 of eight PRs against the fake with `faults` on its search queries; the client gives a
    /// reply one second. A sync still running after 60 s is a hang: it is cancelled and the test fails.
    /// `deadline`: the client's reply deadline; short only where a test is about it (a short one on a busy
    /// machine turns slow replies into retries).
    func sync(_ faults: [FakeGitHub.Fault], deadline: Double = 30) async throws -> Outcome {
        let state = FakeGitHub.State(pullRequests: GitHubSyncTests.week(count: 8))
        await state.script(.search, faults)
        let waits = Waits()
        let store = try Store.inMemory()
        return try await FakeGitHub.application(state: state).test(.live) { client in
            let github = GitHubClient(
                endpoint: try GitHubEndpoint("http://127.0.0.1:\(client.port!)"), token: "test-token",
                notice: { text in Task { await waits.say(text) } }, sleep: { await waits.add($0) }, responseDeadline: deadline)
            let outcome = try await withThrowingTaskGroup(of: Outcome?.self) { group in
                group.addTask {
                    do {
                        let result = try await GitHubSync(store: store, client: github, name: GitHubSyncTests.name)
                            .run(since: GitHubSyncTests.week.startInstant, until: GitHubSyncTests.week.endInstant)
                        return Outcome(error: nil, pullRequests: result.pullRequests, notices: [])
                    } catch let error as GitHubError {
                        return Outcome(error: error, pullRequests: 0, notices: [])
                    }
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: 60_000_000_000)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            await state.release()
            try await Task.sleep(nanoseconds: 50_000_000)
            guard var outcome else {
                Issue.record("the sync hung")
                return Outcome(error: nil, pullRequests: 0, notices: [])
            }
            outcome.notices = await waits.notices
            return outcome
        }
    }

    @Test func silenceAndADribbledBodyAreDroppedAndRetriedAloud() async throws {
        let outcome = try await sync([.neverAnswer, .dribble], deadline: 3)
        #expect(outcome.error == nil, "\(outcome.error?.message ?? "")")
        #expect(outcome.pullRequests == 8)
        #expect(outcome.notices.filter { $0.contains("no complete answer within 3s") && $0.contains("retrying") }.count >= 2, "\(outcome.notices)")
    }

    @Test func aServerThatNeverAnswersEndsInOneError() async throws {
        let outcome = try await sync(Array(repeating: .neverAnswer, count: 5), deadline: 1)
        #expect(outcome.error?.kind == .connection)
        #expect(outcome.error?.message.contains("no complete answer within 1s") == true, "\(outcome.error?.message ?? "")")
    }

    @Test func aWaitOfADayIsRefusedSayingTheCap() async throws {
        let outcome = try await sync([.retryAfter(seconds: 100_000)])
        let message = outcome.error?.message ?? ""
        #expect(message.contains("27h 46m") && message.contains("1h 1m") && message.contains("at most"), "\(message)")
    }

    @Test func serverTextReachesTheTerminalInertAndWithoutTheToken() async throws {
        let outcome = try await sync([.hostileError])
        let message = outcome.error?.message ?? ""
        #expect(message.contains("Validation Failed"), "\(message)")
        #expect(!message.contains("\u{1B}") && !message.contains("\r") && !message.contains("\n"), "\(message)")
        #expect(!message.contains("test-token") && message.contains("***"), "\(message)")
    }
}
