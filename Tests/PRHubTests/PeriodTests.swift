import Foundation
import PRHubModel
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2026-W14", "2026-03-30", "2026-04-05"),
        ("2026-W01", "2025-12-29", "2026-01-04"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2021-W01", "2021-01-04", "2021-01-10"),
        ("2015-W53", "2015-12-28", "2016-01-03"),
        ("2024-W52", "2024-12-23", "2024-12-29"),
        ("2025-W01", "2024-12-30", "2025-01-05"),
    ])
    func isoWeeksStartOnMondayAndCrossYearBoundaries(week: String, monday: String, sunday: String) throws {
        let parsed = try ISOWeek(week)
        #expect(parsed.monday.description == monday)
        #expect(parsed.sunday.description == sunday)
        #expect(ISOWeek(containing: parsed.monday) == parsed)
        #expect(ISOWeek(containing: parsed.sunday) == parsed)
        #expect(parsed.description == week)
    }

    @Test(arguments: ["2021-W53", "2026-W00", "2026-W54", "2026-14", "W14", "2026-W1", "26-W14", "2026-W14x", "", "2026-W-1"])
    func malformedOrNonexistentWeeksAreRejected(text: String) {
        #expect(throws: PRHubError.self) { try ISOWeek(text) }
    }

    @Test func weeksInYearFollowTheThursdayRule() {
        #expect(ISOWeek.weeksIn(year: 2020) == 53)
        #expect(ISOWeek.weeksIn(year: 2026) == 53)
        #expect(ISOWeek.weeksIn(year: 2021) == 52)
        #expect(ISOWeek.weeksIn(year: 2025) == 52)
    }

    @Test func aWeekInShanghaiStartsAtLocalMidnight() throws {
        let period = Period(week: try ISOWeek("2026-W14"), zone: try ReportTimeZone("Asia/Shanghai"))
        #expect(period.startInstant == ISO8601DateFormatter().date(from: "2026-03-29T16:00:00Z"))
        #expect(period.endInstant == ISO8601DateFormatter().date(from: "2026-04-05T16:00:00Z"))
        #expect(period.slug == "2026-03-30-to-2026-04-05")
        let offset = Period(week: try ISOWeek("2026-W14"), zone: try ReportTimeZone("+08:00"))
        #expect(offset.startInstant == period.startInstant)
        #expect(!period.contains(ISO8601DateFormatter().date(from: "2026-03-29T15:59:59Z")!))
        #expect(period.contains(ISO8601DateFormatter().date(from: "2026-03-29T16:00:00Z")!))
    }

    @Test(arguments: ["Mars/Olympus", "+25:00", "+08:70", "UTC+8", "abc", "+", "08:00"])
    func unknownZonesAreErrors(zone: String) {
        #expect(throws: PRHubError.self) { try ReportTimeZone(zone) }
    }

    @Test func lastCompleteWeekIsTheWeekBeforeToday() throws {
        let now = ISO8601DateFormatter().date(from: "2026-04-01T12:00:00Z")!
        #expect(Period.lastCompleteWeek(now: now, zone: .utc).week?.description == "2026-W13")
        let sundayNight = ISO8601DateFormatter().date(from: "2026-04-05T17:00:00Z")!
        // Already Monday 01:00 in Shanghai: W14 is complete there, not in UTC.
        #expect(Period.lastCompleteWeek(now: sundayNight, zone: try ReportTimeZone("Asia/Shanghai")).week?.description == "2026-W14")
        #expect(Period.lastCompleteWeek(now: sundayNight, zone: .utc).week?.description == "2026-W13")
    }

    @Test func sinceUntilThatMatchAWeekKeepTheWeek() throws {
        let period = try Period(since: LocalDate(iso: "2026-03-30")!, until: LocalDate(iso: "2026-04-05")!, zone: .utc)
        #expect(period.week?.description == "2026-W14")
        let partial = try Period(since: LocalDate(iso: "2026-03-30")!, until: LocalDate(iso: "2026-04-02")!, zone: .utc)
        #expect(partial.week == nil)
        #expect(throws: PRHubError.self) {
            try Period(since: LocalDate(iso: "2026-04-05")!, until: LocalDate(iso: "2026-03-30")!, zone: .utc)
        }
    }

    @Test func localDatesRejectImpossibleDays() {
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(LocalDate(iso: "2026-1-01") == nil)
        #expect(LocalDate(iso: "../../etc") == nil)
    }

    @Test(arguments: ["UTC", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "America/St_Johns", "+08:00", "-03:30"])
    func iso8601TimesMatchFoundationsFormatter(zone: String) throws {
        let reportZone = try ReportTimeZone(zone)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = reportZone.timeZone
        // Both sides of daylight-saving changes, the epoch, before it, and a fractional second.
        for seconds in [0, -1, -86_401, 1_741_503_600, 1_741_507_199.75, 1_762_063_200, 1_774_915_440, 1_798_761_599] as [Double] {
            let instant = Date(timeIntervalSince1970: seconds)
            #expect(reportZone.iso8601(instant) == formatter.string(from: instant), "\(seconds)")
        }
    }
}
