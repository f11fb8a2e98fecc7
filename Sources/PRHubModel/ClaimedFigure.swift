/// A measured result a PR's description claims (`3.6x` throughput), as a figure and the metric it is about.
public struct ClaimedFigure: Codable, Sendable, Hashable {
    public enum Metric: String, Codable, Sendable, CaseIterable {
        case throughput, latency, ttft, tpot, memory, accuracy, speedup
    }
    /// As written: `3.6x`, `+25%`, `12 ms`.
    public var value: String
    public var metric: Metric?
    public init(value: String, metric: Metric?) {
        self.value = value
        self.metric = metric
    }
}
