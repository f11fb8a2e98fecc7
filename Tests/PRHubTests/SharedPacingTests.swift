import Foundation
import PRHubDelivery
import PRHubModel
import PRHubPipeline
import PRHubStore
import PRHubTestSupport
import Testing

/// Two senders (two hub processes, as far as the store can tell) sending to one target at once keep it
/// within its rate limit together: the store holds the times of the recent sends.
@Suite struct SharedPacingTests {
    @Test(arguments: JobQueueTests.Engine.available)
    func twoSendersSharingAStoreStayWithinTheTargetsLimitTogether(_ engine: JobQueueTests.Engine) async throws {
        let (a, b, cleanup) = try JobQueueTests().stores(engine)
        defer { cleanup() }
        let receiver = try ThreadedWebhookReceiver()
        defer { receiver.stop() }
        let target = DeliveryTarget(id: "automation", channel: .webhook, url: "http://127.0.0.1:\(receiver.port)/webhook")
        let message = DeliveryTests.hugeMessage
        let each = 15
        let started = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [a, b] {
                group.addTask {
                    let sender = ChatSender(sendLog: StoreSendLog(store: store))
                    for _ in 0..<each { try await sender.send(message, to: target) }
                }
            }
            try await group.waitForAll()
        }
        let times = receiver.received.map(\.at).sorted()
        #expect(times.count == 2 * each)
        // A webhook takes 10 a second: no second holds more, whichever sender sent them (0.9 s: arrivals lag their
        // reservation by up to 0.1 s).
        let busiest = times.indices.map { index in times[index...].prefix { $0.timeIntervalSince(times[index]) < 0.9 }.count }.max() ?? 0
        print("paced by the store (\(engine.rawValue)): \(times.count) messages from two senders in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, at most \(busiest) in a second")
        #expect(busiest <= 10)
        #expect(Date().timeIntervalSince(started) >= 1.9)
    }
}
