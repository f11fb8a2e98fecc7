import Foundation
import PRHubModel

/// The figures of claimed results (`3.6x`, `+25%`, `12 ms`) with the metric their sentence names.
enum FigureReader {
    /// A signed number and one of the claim units (`DescriptionReader.unitNames`), not inside a word.
    static let pattern = #"(?i)(?<![\w.])[+\-−~]?\d+(?:\.\d+)?\s?(?:"# + DescriptionReader.unitNames.joined(separator: "|") + #")(?![a-z0-9])"#

    /// Words that name each metric, in the order they are tried (the first one a sentence names wins).
    static let metricWords: [(ClaimedFigure.Metric, [String])] = [
        (.ttft, ["ttft", "time to first token"]), (.tpot, ["tpot", "itl", "inter-token", "time per output token"]),
        (.throughput, ["throughput", "tok/s", "tokens/s", "qps", "req/s", "tps", "bandwidth", "gb/s", "tb/s", "tflops"]), (.latency, ["latency", "e2e time", "duration"]),
        (.memory, ["memory", "hbm", "vram"]), (.accuracy, ["accuracy", "gsm8k", "mmlu", "precision"]),
        (.speedup, ["speedup", "speed-up", "faster", "speed up", "perf"]),
    ]

    /// Up to two figures per claim sentence, at most three per PR, each once. A figure's metric is the one
    /// named in its own clause: the words since the previous figure, else up to the next one, else the sentence.
    static func figures(in claims: [String]) -> [ClaimedFigure] {
        var result: [ClaimedFigure] = []
        for sentence in claims {
            let ns = sentence as NSString
            guard let regex = RegexCache.shared.regex(pattern) else { return [] }
            let matches = regex.matches(in: sentence, range: NSRange(location: 0, length: ns.length))
            for (index, match) in matches.prefix(2).enumerated() {
                let value = ns.substring(with: match.range).trimmingCharacters(in: .whitespaces)
                guard !result.contains(where: { $0.value == value }) else { continue }
                let before = index == 0 ? 0 : NSMaxRange(matches[index - 1].range)
                let after = index + 1 < matches.count ? matches[index + 1].range.location : ns.length
                let leading = ns.substring(with: NSRange(location: before, length: match.range.location - before))
                let trailing = ns.substring(with: NSRange(location: NSMaxRange(match.range), length: after - NSMaxRange(match.range)))
                let metric = metric(in: leading) ?? metric(in: trailing) ?? metric(in: sentence)
                result.append(ClaimedFigure(value: value, metric: metric))
            }
            if result.count >= 3 { break }
        }
        return Array(result.prefix(3))
    }

    static func metric(in text: String) -> ClaimedFigure.Metric? {
        // The metric words are ASCII: lowercased and searched as bytes (Foundation's search was most of this).
        let lower = text.lowercasedByBytes()
        return metricWords.first { $0.1.contains { lower.containsBytes($0) } }?.0
    }
}
