import Foundation

/// The zone a week is counted in: an IANA name (`Asia/Shanghai`), `UTC`, or a fixed offset (`+08:00`).
public struct ReportTimeZone: Sendable, Hashable {
    /// The spelling the user gave, shown in reports.
    public let name: String
    public let timeZone: TimeZone

    public static let utc = ReportTimeZone(name: "UTC", timeZone: TimeZone(identifier: "UTC")!)

    private init(name: String, timeZone: TimeZone) {
        self.name = name
        self.timeZone = timeZone
    }

    /// Throws `invalidTimeZone` for names Foundation does not know and malformed offsets.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "UTC" || trimmed == "Z" {
            self = .utc
            return
        }
        if let first = trimmed.first, first == "+" || first == "-" {
            guard let seconds = Self.offsetSeconds(trimmed), let zone = TimeZone(secondsFromGMT: seconds) else {
                throw PRHubError(.invalidTimeZone, "time zone offset must look like +08:00, got '\(trimmed.prefix(50))'")
            }
            self.init(name: trimmed, timeZone: zone)
            return
        }
        // Only names of the tz database (Area/City); Foundation also accepts odd abbreviations, which we refuse.
        guard trimmed.contains("/") || TimeZone.knownTimeZoneIdentifiers.contains(trimmed),
            let zone = TimeZone(identifier: trimmed)
        else {
            throw PRHubError(.invalidTimeZone, "unknown time zone '\(trimmed.prefix(100))' (use an IANA name like Asia/Shanghai or an offset like +08:00)")
        }
        self.init(name: trimmed, timeZone: zone)
    }

    /// `+08:00`, `-0530`, `+8` → seconds east of UTC.
    private static func offsetSeconds(_ text: String) -> Int? {
        let sign = text.hasPrefix("-") ? -1 : 1
        let digits = text.dropFirst().replacingOccurrences(of: ":", with: "")
        guard digits.allSatisfy(\.isASCIIDigitCharacter), !digits.isEmpty, digits.count <= 4 else { return nil }
        let hours: Int
        let minutes: Int
        if digits.count <= 2 {
            hours = Int(digits)!
            minutes = 0
        } else {
            hours = Int(digits.dropLast(2))!
            minutes = Int(digits.suffix(2))!
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// The instant of local midnight at the start of `date`.
    public func startOfDay(_ date: LocalDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        return calendar.date(from: components) ?? Date(timeIntervalSince1970: Double(date.daysSinceEpoch) * 86_400)
    }

    /// The local calendar day of an instant.
    public func localDate(of instant: Date) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// ISO 8601 with this zone's offset at that instant, e.g. `2026-03-31T10:04:00+08:00` (`Z` at offset
    /// zero), whole seconds. Written by hand: an ICU date formatter costs a millisecond to create and
    /// tens of microseconds per call, and a digest formats every PR's merge time.
    public func iso8601(_ instant: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: instant)
        let local = Int(instant.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let date = LocalDate(daysSinceEpoch: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var text = "\(date)T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
        if offset == 0 { return text + "Z" }
        let minutes = abs(offset) / 60
        text += (offset < 0 ? "-" : "+") + two(minutes / 60) + ":" + two(minutes % 60)
        return text
    }
}
