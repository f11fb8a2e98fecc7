import Foundation
import PRHubModel

/// The figures of claimed results (`3.6x`, `+25%`, `12 ms`) with the metric their sentence names.
enum FigureReader {
    static let pattern = #"(?i)(?<![\w.])[+\-−~]?\d+(?:\.\d+)?\s?(?:x|×|%|ms|tok/s|tokens/s)(?![a-z0-9])"#

    /// Words that name each metric, in the order they are tried (the first one a sentence names wins).
    static let metricWords: [(ClaimedFigure.Metric, [String])] = [
        (.ttft, ["ttft", "time to first token"]), (.tpot, ["tpot", "itl", "inter-token", "time per output token"]),
        (.throughput, ["throughput", "tok/s", "tokens/s", "qps", "req/s", "tps"]), (.latency, ["latency", "e2e time", "duration"]),
        (.memory, ["memory", "hbm", "vram"]), (.accuracy, ["accuracy", "gsm8k", "mmlu", "precision"]),
        (.speedup, ["speedup", "speed-up", "faster", "speed up", "perf"]),
    ]

    /// Up to two figures per claim sentence, at most three per PR, each once.
    static func figures(in claims: [String]) -> [ClaimedFigure] {
        var result: [ClaimedFigure] = []
        for sentence in claims {
            let lower = sentence.lowercased()
            let metric = metricWords.first { $0.1.contains { lower.contains($0) } }?.0
            for match in ReferenceFinder.matches(pattern, in: sentence).prefix(2) {
                let value = match[0].replacingOccurrences(of: " ", with: " ").trimmingCharacters(in: .whitespaces)
                guard !result.contains(where: { $0.value == value }) else { continue }
                result.append(ClaimedFigure(value: value, metric: metric))
            }
            if result.count >= 3 { break }
        }
        return Array(result.prefix(3))
    }
}
