import PRHubModel

/// Charts drawn by PRHub as inline SVG: no script, no external asset, every label escaped.
public enum SVGChart {
    /// A horizontal bar chart, one row per item, labels on the left, values at the bar's end.
    public static func bars(title: String, items: [(label: String, value: Int)], limit: Int = 10) -> String {
        let shown = Array(items.prefix(limit))
        guard let maxValue = shown.map(\.value).max(), maxValue > 0 else { return "" }
        let rowHeight = 22
        let labelWidth = 180
        let barWidth = 200
        let height = shown.count * rowHeight + 28
        var svg = "<figure class=\"chart\"><svg role=\"img\" viewBox=\"0 0 \(labelWidth + barWidth + 50) \(height)\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg += "<text x=\"0\" y=\"16\" class=\"chart-title\">\(HTMLText.escape(title))</text>"
        for (index, item) in shown.enumerated() {
            let y = 28 + index * rowHeight
            let width = max(2, item.value * barWidth / maxValue)
            let label = item.label.count > 24 ? "…" + String(item.label.suffix(23)) : item.label
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"chart-label\">\(HTMLText.escape(label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" class=\"chart-bar\"><title>"
                + "\(HTMLText.escape(item.label)): \(item.value)</title></rect>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\" class=\"chart-value\">\(item.value)</text>"
        }
        return svg + "</svg></figure>\n"
    }

    /// A small line of weekly values (PRs per week), for the archive and the front page.
    public static func sparkline(_ values: [Int], width: Int = 160, height: Int = 32, label: String) -> String {
        guard values.count > 1, let maxValue = values.max(), maxValue > 0 else { return "" }
        let step = Double(width) / Double(values.count - 1)
        let points = values.enumerated().map { index, value in
            "\(Int((Double(index) * step).rounded())),\(height - 2 - value * (height - 4) / maxValue)"
        }.joined(separator: " ")
        return "<svg role=\"img\" class=\"spark\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>\(HTMLText.escape(label))</title>"
            + "<polyline fill=\"none\" class=\"spark-line\" points=\"\(points)\"/></svg>"
    }

    /// Vertical bars of PRs per week over time, oldest on the left.
    public static func columns(title: String, items: [(label: String, value: Int)]) -> String {
        guard let maxValue = items.map(\.value).max(), maxValue > 0 else { return "" }
        let barWidth = 12
        let gap = 4
        let chartHeight = 120
        let width = items.count * (barWidth + gap) + 10
        var svg = "<figure class=\"chart\"><svg role=\"img\" viewBox=\"0 0 \(width) \(chartHeight + 40)\" width=\"100%\" "
            + "preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(HTMLText.escape(title))</title>"
        svg += "<text x=\"0\" y=\"14\" class=\"chart-title\">\(HTMLText.escape(title))</text>"
        for (index, item) in items.enumerated() {
            let h = max(1, item.value * chartHeight / maxValue)
            let x = 5 + index * (barWidth + gap)
            svg += "<rect x=\"\(x)\" y=\"\(20 + chartHeight - h)\" width=\"\(barWidth)\" height=\"\(h)\" class=\"chart-bar\"><title>"
                + "\(HTMLText.escape(item.label)): \(item.value)</title></rect>"
        }
        if let first = items.first, let last = items.last {
            svg += "<text x=\"0\" y=\"\(chartHeight + 36)\" class=\"chart-label\">\(HTMLText.escape(first.label))</text>"
            svg += "<text x=\"\(width)\" y=\"\(chartHeight + 36)\" text-anchor=\"end\" class=\"chart-label\">\(HTMLText.escape(last.label))</text>"
        }
        return svg + "</svg></figure>\n"
    }
}
