import Foundation

/// A weekly time in a zone (`MON 09:00`): when a hub writes and delivers the week that just ended.
public struct WeeklySchedule: Sendable, Equatable, CustomStringConvertible {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var hour: Int
    public var minute: Int

    static let days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]

    /// `MON 09:00` (day names in English, any case; 24-hour time).
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: " ")
        guard parts.count == 2, let day = Self.days.firstIndex(of: String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { return nil }
        weekday = day + 1
        self.hour = hour
        self.minute = minute
    }

    public var description: String { "\(Self.days[weekday - 1]) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)" }

    /// The scheduled moment of the ISO week that holds `date`.
    func moment(inWeekOf date: LocalDate, zone: ReportTimeZone) -> Date {
        let day = ISOWeek(containing: date).monday.adding(days: weekday - 1)
        return zone.startOfDay(day).addingTimeInterval(Double(hour * 3_600 + minute * 60))
    }

    /// The latest scheduled moment at or before `instant`.
    public func last(atOrBefore instant: Date, zone: ReportTimeZone) -> Date {
        let thisWeek = moment(inWeekOf: zone.localDate(of: instant), zone: zone)
        return thisWeek <= instant ? thisWeek : moment(inWeekOf: zone.localDate(of: instant).adding(days: -7), zone: zone)
    }

    /// The first scheduled moment after `instant`.
    public func next(after instant: Date, zone: ReportTimeZone) -> Date {
        let thisWeek = moment(inWeekOf: zone.localDate(of: instant), zone: zone)
        return thisWeek > instant ? thisWeek : moment(inWeekOf: zone.localDate(of: instant).adding(days: 7), zone: zone)
    }
}
