import Foundation

/// The stretch of time a report covers: whole local days from `start` to `end` inclusive, in one zone.
public struct Period: Sendable, Hashable {
    /// Set when the period is exactly one ISO week.
    public let week: ISOWeek?
    public let start: LocalDate
    public let end: LocalDate
    public let zone: ReportTimeZone

    public init(week: ISOWeek, zone: ReportTimeZone) {
        self.week = week
        start = week.monday
        end = week.sunday
        self.zone = zone
    }

    /// Throws `invalidDate` when `until` comes before `since`.
    public init(since: LocalDate, until: LocalDate, zone: ReportTimeZone) throws {
        guard since <= until else {
            throw PRHubError(.invalidDate, "--since \(since) is after --until \(until)")
        }
        let candidate = ISOWeek(containing: since)
        week = candidate.monday == since && candidate.sunday == until ? candidate : nil
        start = since
        end = until
        self.zone = zone
    }

    /// The last week that ended before `now` in that zone.
    public static func lastCompleteWeek(now: Date, zone: ReportTimeZone) -> Period {
        let today = zone.localDate(of: now)
        let current = ISOWeek(containing: today)
        return Period(week: ISOWeek(containing: current.monday.adding(days: -1)), zone: zone)
    }

    /// First instant inside the period.
    public var startInstant: Date { zone.startOfDay(start) }
    /// First instant after the period (local midnight after `end`).
    public var endInstant: Date { zone.startOfDay(end.adding(days: 1)) }

    public func contains(_ instant: Date) -> Bool { instant >= startInstant && instant < endInstant }

    /// `2026-03-30-to-2026-04-05`, the report's path segment.
    public var slug: String { "\(start)-to-\(end)" }
}
