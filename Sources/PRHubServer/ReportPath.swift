import PRHubModel
import PRHubPipeline

/// The last path segment of a report address: `2026-03-30-to-2026-04-05`, optionally `.md` or `.json`.
enum ReportPath {
    static func parse(_ segment: String) -> (slug: String, format: ReportRequest.Format)? {
        guard segment.count <= 40 else { return nil }
        if segment.hasSuffix(".md") { return (String(segment.dropLast(3)), .md) }
        if segment.hasSuffix(".json") { return (String(segment.dropLast(5)), .json) }
        if segment.hasSuffix(".html") { return (String(segment.dropLast(5)), .html) }
        return (segment, .html)
    }

    /// The ISO week the slug names exactly (Monday to Sunday), or nil.
    static func period(_ slug: String, zone: ReportTimeZone) -> Period? {
        let parts = slug.components(separatedBy: "-to-")
        guard parts.count == 2, let start = LocalDate(iso: parts[0]), let end = LocalDate(iso: parts[1]),
            let period = try? Period(since: start, until: end, zone: zone), period.week != nil
        else { return nil }
        return period
    }
}
