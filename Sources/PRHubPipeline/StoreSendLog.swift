import Foundation
import PRHubDelivery
import PRHubStore

/// The hub's sends kept in its store, so every process of a hub paces each target together.
public struct StoreSendLog: SendLog {
    public let store: Store
    public init(store: Store) { self.store = store }

    public func reserve(_ target: String, limits: [RateLimit], at now: Date) throws -> TimeInterval? {
        try store.reserveSend(target, limits: limits.map { ($0.count, $0.seconds) }, at: now)
    }
}
