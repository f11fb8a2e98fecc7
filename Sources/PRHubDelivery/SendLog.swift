import Foundation

/// A rate limit: at most `count` messages to one target in any `seconds`.
public struct RateLimit: Sendable, Equatable {
    public var count: Int
    public var seconds: Double
    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }
}

/// Where the times of recent sends to each target are kept when several processes send to the same
/// targets (the hub's processes sharing a store): they then keep each target within its limits together,
/// not each on its own.
public protocol SendLog: Sendable {
    /// Records a send to `target` at `now` when every limit allows one; otherwise records nothing and
    /// returns how long to wait before asking again.
    func reserve(_ target: String, limits: [RateLimit], at now: Date) throws -> TimeInterval?
}
