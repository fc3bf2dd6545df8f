import Foundation
import Testing
@testable import UsageAudit

@Suite("UsageReport")
struct UsageReportTests {
    private static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }

    private static func row(
        user: String = "alice", scope: String = "all", period: Period = .day,
        start: LocalDay = day(2026, 11, 21), end: LocalDay? = nil, units: Int64 = 10
    ) -> UsageRow {
        UsageRow(
            user: user, scope: scope, period: period,
            bucket: DayRange(start: start, end: end ?? start.adding(days: 1)),
            counts: UsageCounts(requests: units, units: units, rejected: 1, firstSeen: 0, lastSeen: 0))
    }

    private func table(_ rows: [UsageRow], configuration: String = "", zone: String = "UTC") throws -> ReportTable {
        let configuration = try ConfigurationLoader.parse(text: configuration)
        let calendar = ZonedCalendar(timeZone: try #require(TimeZone(identifier: zone)))
        return UsageReport(rows: rows, limits: LimitResolver(profiles: [], configuration: configuration)).table(calendar: calendar)
    }

    @Test("the columns of DESIGN §6, in order")
    func columns() throws {
        #expect(UsageReport.columns == [
            "user", "scope", "period", "period_start", "period_end",
            "requests", "units", "rejected", "limit", "remaining", "overage", "overage_cost",
        ])
        #expect(try table([]).columns == UsageReport.columns)
    }

    @Test("remaining: none without a limit, none when unlimited, never below zero", arguments: [
        (nil as Int64?, Int64(10), nil as Int64?),
        (-1, 10, nil),
        (0, 0, 0),
        (0, 10, 0),
        (5000, 4800, 200),
        (5000, 5000, 0),
        (5000, 7000, 0),
    ])
    func remaining(limit: Int64?, units: Int64, expected: Int64?) {
        #expect(UsageReport.remaining(limit: limit, units: units) == expected)
    }

    @Test("limit and remaining cells follow the quota's default for the row's scope and period")
    func limitCells() throws {
        let configuration = """
            [[scope]]
            name = "geo"
            paths = ["/geo"]
            [[scope]]
            name = "iso"
            paths = ["/iso"]
            [[quota]]
            scope = "all"
            period = "day"
            default = 25
            [[quota]]
            scope = "geo"
            period = "day"
            default = -1
            [[quota]]
            scope = "iso"
            period = "day"
            default = 0
            [[quota]]
            scope = "iso"
            period = "month"
            """
        let rows = try table([
            Self.row(scope: "all", units: 10),
            Self.row(scope: "all", units: 30),
            Self.row(scope: "geo", units: 10),
            Self.row(scope: "iso", units: 3),
            Self.row(scope: "iso", period: .month, start: Self.day(2026, 11, 1), end: Self.day(2026, 12, 1), units: 3),
            Self.row(scope: "other", units: 3),
        ], configuration: configuration).rows
        let limits = rows.map { Array($0[8...9]) }
        #expect(limits == [
            [.integer(25), .integer(15)],
            [.integer(25), .integer(0)],
            [.integer(-1), .empty],
            [.integer(0), .integer(0)],
            [.empty, .empty],
            [.empty, .empty],
        ])
    }

    @Test("a row's cells: text for names and stamps, integers for counts")
    func cells() throws {
        let rows = try table([Self.row(user: "=evil", scope: "all", units: 7)]).rows
        #expect(rows == [[
            .text("=evil"), .text("all"), .text("day"),
            .text("2026-11-21T00:00:00+00:00"), .text("2026-11-22T00:00:00+00:00"),
            .integer(7), .integer(7), .integer(1), .empty, .empty, .empty, .empty,
        ]])
        // The user name is neutralised in CSV, the counts are not.
        let csv = CSVRenderer.render(try table([Self.row(user: "=evil", units: 7)]))
        #expect(csv.hasSuffix("'=evil,all,day,2026-11-21T00:00:00+00:00,2026-11-22T00:00:00+00:00,7,7,1,,,,\n"))
    }

    @Test("period names as the configuration writes them")
    func periodNames() throws {
        let anchor = Self.day(2026, 1, 1)
        let rows = try table([
            Self.row(period: .week, start: Self.day(2026, 11, 16), end: Self.day(2026, 11, 23)),
            Self.row(period: .billingCycle(day: 31), start: Self.day(2026, 10, 31), end: Self.day(2026, 11, 30)),
            Self.row(period: .days(30, anchor: anchor), start: Self.day(2026, 11, 27), end: Self.day(2026, 12, 27)),
            Self.row(period: .year, start: Self.day(2026, 1, 1), end: Self.day(2027, 1, 1)),
        ]).rows
        #expect(rows.map { $0[2] } == [.text("week"), .text("month@31"), .text("30d"), .text("year")])
    }

    @Test("stamps are RFC 3339 local midnights with the zone's offset", arguments: [
        ("UTC", 2026, 7, 1, "2026-07-01T00:00:00+00:00", "2026-07-02T00:00:00+00:00"),
        ("America/New_York", 2026, 7, 1, "2026-07-01T00:00:00-04:00", "2026-07-02T00:00:00-04:00"),
        ("America/New_York", 2026, 1, 15, "2026-01-15T00:00:00-05:00", "2026-01-16T00:00:00-05:00"),
        ("Europe/Berlin", 2026, 3, 29, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"),
        ("Asia/Kolkata", 2026, 11, 21, "2026-11-21T00:00:00+05:30", "2026-11-22T00:00:00+05:30"),
        ("Pacific/Chatham", 2026, 6, 1, "2026-06-01T00:00:00+12:45", "2026-06-02T00:00:00+12:45"),
    ])
    func stamps(zone: String, year: Int, month: Int, dayOfMonth: Int, start: String, end: String) throws {
        let rows = try table([Self.row(start: Self.day(year, month, dayOfMonth))], zone: zone).rows
        #expect(rows.first?[3] == .text(start))
        #expect(rows.first?[4] == .text(end))
    }

    @Test("a month bucket across a DST change has two different offsets")
    func monthAcrossDST() throws {
        let rows = try table(
            [Self.row(period: .month, start: Self.day(2026, 3, 1), end: Self.day(2026, 4, 1))],
            zone: "America/New_York").rows
        #expect(rows.first?[3] == .text("2026-03-01T00:00:00-05:00"))
        #expect(rows.first?[4] == .text("2026-04-01T00:00:00-04:00"))
    }

    @Test("a day whose midnight falls in a DST gap starts when the gap ends")
    func midnightGap() throws {
        // America/Santiago skips 00:00–01:00 on the first Sunday of September.
        let rows = try table([Self.row(start: Self.day(2026, 9, 6))], zone: "America/Santiago").rows
        #expect(rows.first?[3] == .text("2026-09-06T01:00:00-03:00"))
        #expect(rows.first?[4] == .text("2026-09-07T00:00:00-03:00"))
    }
}
