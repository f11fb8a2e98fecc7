/// An ISO 8601 week such as `2026-W14`: weeks start on Monday, week 1 holds the year's first Thursday.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// Throws `invalidWeek` for anything but an existing `YYYY-Www` week (so 2021-W53 is an error, 2020-W53 is not).
    public init(_ text: String) throws {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 3, parts[1].hasPrefix("W"),
            let year = Int(parts[0]), let week = Int(parts[1].dropFirst()),
            parts[0].allSatisfy(\.isASCIIDigitCharacter), parts[1].dropFirst().allSatisfy(\.isASCIIDigitCharacter),
            year >= 1, week >= 1, week <= ISOWeek.weeksIn(year: year)
        else {
            throw PRHubError(.invalidWeek, "week must be an existing ISO week like 2026-W14 or 'last', got '\(text.prefix(100))'")
        }
        self.year = year
        self.week = week
    }

    /// The ISO week that contains a calendar day.
    public init(containing date: LocalDate) {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let week1Monday = ISOWeek.mondayOfWeekOne(thursday.year)
        year = thursday.year
        week = (date.daysSinceEpoch - week1Monday.daysSinceEpoch) / 7 + 1
    }

    public var monday: LocalDate { ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7) }
    public var sunday: LocalDate { monday.adding(days: 6) }

    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// 53 when the year starts on a Thursday, or on a Wednesday in a leap year; otherwise 52.
    public static func weeksIn(year: Int) -> Int {
        guard let jan1 = LocalDate(year: year, month: 1, day: 1) else { return 52 }
        let weekday = jan1.isoWeekday
        return weekday == 4 || (weekday == 3 && LocalDate.isLeap(year)) ? 53 : 52
    }

    static func mondayOfWeekOne(_ year: Int) -> LocalDate {
        let jan4 = LocalDate(year: year, month: 1, day: 4)!
        return jan4.adding(days: 1 - jan4.isoWeekday)
    }
}
