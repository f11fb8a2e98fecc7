import Foundation
@testable import PRHubServer
import Testing

@Suite struct ChangeTokenClockTests {
    final class Counter: @unchecked Sendable {  // Safe: touched from one test thread only.
        var reads = 0
        var value = "a"
    }

    @Test func theTokenIsReadAtMostOncePerIntervalAndAChangeIsSeenAfterIt() throws {
        let counter = Counter()
        let clock = ChangeTokenClock(interval: 50_000_000) { counter.reads += 1; return counter.value }
        #expect(clock.current() == "a")
        counter.value = "b"
        for _ in 0..<1000 { _ = clock.current() }
        // Within the interval the remembered token answers: one read for a thousand requests.
        #expect(counter.reads <= 2)
        Thread.sleep(forTimeInterval: 0.06)
        #expect(clock.current() == "b")
    }
}
