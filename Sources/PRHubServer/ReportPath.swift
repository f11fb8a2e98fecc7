import PRHubModel
import PRHubPipeline

/// The last path segment of a report address: `2026-03-30-to-2026-04-05`, optionally `.md` or `.json`.
enum ReportPath {
    /// `START-to-END` with an optional `.md`, `.json` or `.html`, and before it an optional language
    /// (`START-to-END.en.md`, `START-to-END.zh.html`): the addresses a static copy of the site also has.
    static func parse(_ segment: String) -> (slug: String, format: ReportRequest.Format, language: Language?)? {
        guard segment.count <= 40 else { return nil }
        var rest = Substring(segment)
        var format = ReportRequest.Format.html
        for (suffix, kind) in [(".md", ReportRequest.Format.md), (".json", .json), (".html", .html)] where rest.hasSuffix(suffix) {
            rest = rest.dropLast(suffix.count)
            format = kind
            break
        }
        var language: Language?
        for candidate in Language.allCases where rest.hasSuffix(".\(candidate.rawValue)") {
            rest = rest.dropLast(candidate.rawValue.count + 1)
            language = candidate
        }
        return (String(rest), format, language)
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
