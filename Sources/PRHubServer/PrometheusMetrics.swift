import CoreMetrics
import Foundation

/// A small swift-metrics backend that keeps counters and timers in memory and prints them in
/// Prometheus text format for `/metrics`.
public final class PrometheusMetrics: MetricsFactory, @unchecked Sendable {  // Safe: `series` is guarded by `lock`.
    public static let shared = PrometheusMetrics()
    private let lock = NSLock()
    private var series: [String: Series] = [:]

    final class Series: CounterHandler, TimerHandler, RecorderHandler, @unchecked Sendable {  // Safe: guarded by `lock`.
        let name: String
        let labels: String
        let isTimer: Bool
        private let lock = NSLock()
        private(set) var count: Int64 = 0
        private(set) var sum: Double = 0

        init(name: String, labels: String, isTimer: Bool) {
            self.name = name
            self.labels = labels
            self.isTimer = isTimer
        }

        func increment(by amount: Int64) { lock.withLock { count += amount } }
        func reset() { lock.withLock { count = 0; sum = 0 } }
        func recordNanoseconds(_ duration: Int64) { lock.withLock { count += 1; sum += Double(duration) / 1e9 } }
        func record(_ value: Int64) { record(Double(value)) }
        func record(_ value: Double) { lock.withLock { count += 1; sum += value } }
        var snapshot: (Int64, Double) { lock.withLock { (count, sum) } }
    }

    private func handler(_ label: String, _ dimensions: [(String, String)], timer: Bool) -> Series {
        let name = Self.metricName(label) + (timer ? "_seconds" : (label.hasSuffix("total") ? "" : "_total"))
        let labels = dimensions.map { "\(Self.metricName($0.0))=\"\(Self.escape($0.1))\"" }.joined(separator: ",")
        let key = name + "{" + labels + "}"
        return lock.withLock {
            if let existing = series[key] { return existing }
            let created = Series(name: name, labels: labels, isTimer: timer)
            series[key] = created
            return created
        }
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        handler(label, dimensions, timer: false)
    }
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        handler(label, dimensions, timer: true)
    }
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        handler(label, dimensions, timer: true)
    }
    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}

    /// Everything recorded so far, in Prometheus text exposition format.
    public func exposition(extra: [(name: String, value: Int)] = []) -> String {
        let all = lock.withLock { series.values.sorted { ($0.name, $0.labels) < ($1.name, $1.labels) } }
        var out = ""
        var typed = Set<String>()
        for s in all {
            let (count, sum) = s.snapshot
            let labels = s.labels.isEmpty ? "" : "{\(s.labels)}"
            if s.isTimer {
                if typed.insert(s.name).inserted { out += "# TYPE \(s.name) summary\n" }
                out += "\(s.name)_count\(labels) \(count)\n\(s.name)_sum\(labels) \(sum)\n"
            } else {
                if typed.insert(s.name).inserted { out += "# TYPE \(s.name) counter\n" }
                out += "\(s.name)\(labels) \(count)\n"
            }
        }
        for metric in extra {
            out += "# TYPE \(metric.name) gauge\n\(metric.name) \(metric.value)\n"
        }
        return out
    }

    static func metricName(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
