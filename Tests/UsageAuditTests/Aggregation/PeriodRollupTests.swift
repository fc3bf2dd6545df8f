import Testing
@testable import UsageAudit

@Suite("PeriodRollup")
struct PeriodRollupTests {
    private static let configuration = """
        [[scope]]
        name = "geo"
        paths = ["/geo"]

        [[scope]]
        name = "iso"
        paths = ["/iso"]

        [[quota]]
        scope = "all"
        period = "week"

        [[quota]]
        scope = "iso"
        period = "month"

        [[quota]]
        scope = "iso"
        period = "month@15"

        [[quota]]
        scope = "geo"
        period = "30d"
        anchor = 2026-01-01
        """

    private static func day(_ month: Int, _ day: Int, year: Int = 2026) -> LocalDay {
        LocalDay(CivilDate(year: year, month: month, day: day))
    }

    /// Adds `requests` consumed requests costing `units` in total, at noon of `day`.
    private static func add(_ aggregate: inout UsageAggregate, _ user: String, scope: Int, _ day: LocalDay, requests: Int64, units: Int64) {
        let noon = Int64(day.number) * 86_400 + 43_200
        aggregate.add(
            UsageCounts(requests: requests, units: units, rejected: 0, firstSeen: noon, lastSeen: noon + requests),
            user: user, scope: scope, day: day)
    }

    /// A row as one line: `user scope period start end requests units`.
    private static func line(_ row: UsageRow) -> String {
        "\(row.user) \(row.scope) \(row.period.name) \(row.bucket.start) \(row.bucket.end) \(row.counts.requests) \(row.counts.units)"
    }

    @Test("days roll up into week, month, month@D and Nd buckets, and into all")
    func rollup() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        var aggregate = UsageAggregate()
        // Scope indices: geo 0, iso 1, other 2.
        Self.add(&aggregate, "bob", scope: 0, Self.day(2, 16), requests: 4, units: 4)
        Self.add(&aggregate, "alice", scope: 1, Self.day(2, 16), requests: 1, units: 5)
        Self.add(&aggregate, "alice", scope: 0, Self.day(2, 5), requests: 3, units: 3)
        Self.add(&aggregate, "alice", scope: 1, Self.day(2, 14), requests: 2, units: 10)
        Self.add(&aggregate, "alice", scope: 2, Self.day(2, 5), requests: 1, units: 1)
        let rows = PeriodRollup(configuration: configuration).rows(of: aggregate).map(Self.line)
        #expect(rows == [
            "alice all day 2026-02-05 2026-02-06 4 4",
            "alice all day 2026-02-14 2026-02-15 2 10",
            "alice all day 2026-02-16 2026-02-17 1 5",
            "alice all week 2026-02-02 2026-02-09 4 4",
            "alice all week 2026-02-09 2026-02-16 2 10",
            "alice all week 2026-02-16 2026-02-23 1 5",
            "alice geo day 2026-02-05 2026-02-06 3 3",
            "alice geo 30d 2026-01-31 2026-03-02 3 3",
            "alice iso day 2026-02-14 2026-02-15 2 10",
            "alice iso day 2026-02-16 2026-02-17 1 5",
            "alice iso month 2026-02-01 2026-03-01 3 15",
            "alice iso month@15 2026-01-15 2026-02-15 2 10",
            "alice iso month@15 2026-02-15 2026-03-15 1 5",
            "alice other day 2026-02-05 2026-02-06 1 1",
            "bob all day 2026-02-16 2026-02-17 4 4",
            "bob all week 2026-02-16 2026-02-23 4 4",
            "bob geo day 2026-02-16 2026-02-17 4 4",
            "bob geo 30d 2026-01-31 2026-03-02 4 4",
        ])
    }

    @Test("a rolled-up bucket merges first and last seen of its days")
    func timeSpan() throws {
        let configuration = try ConfigurationLoader.parse(text: "[[quota]]\nperiod = \"month\"")
        var aggregate = UsageAggregate()
        aggregate.add(UsageCounts(requests: 1, units: 1, rejected: 2, firstSeen: 500, lastSeen: 600), user: "u", scope: 0, day: Self.day(3, 3))
        aggregate.add(UsageCounts(requests: 2, units: 2, rejected: 0, firstSeen: 100, lastSeen: 200), user: "u", scope: 0, day: Self.day(3, 1))
        let month = PeriodRollup(configuration: configuration).rows(of: aggregate).first { $0.scope == "all" && $0.period == .month }
        #expect(month?.counts == UsageCounts(requests: 3, units: 3, rejected: 2, firstSeen: 100, lastSeen: 600))
        #expect(month?.bucket == DayRange(start: Self.day(3, 1), end: Self.day(4, 1)))
    }

    @Test("users sort by UTF-8 bytes, whatever order they appeared in")
    func userOrder() throws {
        let configuration = try ConfigurationLoader.parse(text: "")
        var aggregate = UsageAggregate()
        for user in ["Émile", "bob", "alice", "Zed", "ip:10.0.0.1", "key:abc…", "alice2"] {
            Self.add(&aggregate, user, scope: 0, Self.day(1, 1), requests: 1, units: 1)
        }
        let rows = PeriodRollup(configuration: configuration).rows(of: aggregate)
        let users = rows.filter { $0.scope == "all" }.map(\.user)
        #expect(users == ["Zed", "alice", "alice2", "bob", "ip:10.0.0.1", "key:abc…", "Émile"])
        // Each user has an `all` row and an `other` row, `all` first.
        #expect(rows.map(\.scope) == Array(repeating: ["all", "other"], count: 7).flatMap { $0 })
    }

    @Test("the same aggregate built in another order gives the same rows")
    func deterministic() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        var forward = UsageAggregate()
        var backward = UsageAggregate()
        var entries: [(String, Int, LocalDay)] = []
        for user in ["u1", "u2", "u3"] {
            for scope in 0...2 {
                for offset in stride(from: 0, to: 70, by: 9) { entries.append((user, scope, Self.day(1, 1).adding(days: offset))) }
            }
        }
        for (user, scope, day) in entries { Self.add(&forward, user, scope: scope, day, requests: 1, units: 2) }
        for (user, scope, day) in entries.reversed() { Self.add(&backward, user, scope: scope, day, requests: 1, units: 2) }
        let rollup = PeriodRollup(configuration: configuration)
        #expect(rollup.rows(of: forward) == rollup.rows(of: backward))
    }

    @Test("includes filters buckets by period and range")
    func includesFilter() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        var aggregate = UsageAggregate()
        Self.add(&aggregate, "alice", scope: 1, Self.day(2, 14), requests: 2, units: 10)
        Self.add(&aggregate, "alice", scope: 1, Self.day(2, 16), requests: 1, units: 5)
        let rows = PeriodRollup(configuration: configuration).rows(of: aggregate) { period, range in
            period == .day && range.start >= Self.day(2, 15)
        }
        #expect(rows.map(Self.line) == [
            "alice all day 2026-02-16 2026-02-17 1 5",
            "alice iso day 2026-02-16 2026-02-17 1 5",
        ])
    }

    @Test("reading from the window's first day gives the window's rows of all the history, for every kind of period",
          arguments: [(UInt64(1), false), (2, false), (3, true), (4, true)])
    func fromTheWindowsFirstDay(seed: UInt64, reframes: Bool) throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        // Half a year of days from day 20,000 (2024-10-04), the window in its last weeks:
        // its buckets start before its first day (weeks, months, cycles and 30-day spans).
        let aggregate = UsageAggregate.random(seed: seed, cells: 6_000, users: 40, scopes: 3, days: 190, cost: 1...5)
        let window = ReportWindow(
            asOfDay: LocalDay(number: 20_189), touchedDays: [LocalDay(number: 20_150), LocalDay(number: 20_171), LocalDay(number: 20_189)])
        let rollup = PeriodRollup(configuration: configuration)
        // Some users' months as billing cycles from the 20th, or years, as profiles can frame them.
        let periods: ((String, String, [Period]) -> [Period])? = !reframes ? nil : { user, _, quota in
            quota.map { $0 != .month ? $0 : user.hasSuffix("1") ? .billingCycle(day: 20) : user.hasSuffix("2") ? .year : $0 }
        }
        var whole: [String] = []
        rollup.forEachRow(of: aggregate, includes: { _, range in window.contains(range) }, periods: periods) { whole.append(Self.line($0)) }
        var fromFirst: [String] = []
        rollup.forEachRow(of: aggregate, includes: { _, range in window.contains(range) }, periods: periods, from: window.firstDay) {
            fromFirst.append(Self.line($0))
        }
        #expect(window.firstDay == LocalDay(number: 20_150))
        #expect(fromFirst == whole)
        // Buckets that began before the first day are there, with their earlier days.
        #expect(whole.contains { $0.contains(" month 2025-03-01 ") })
        #expect(!whole.contains { $0.contains(" week 2025-02-24 ") })
        if reframes {
            #expect(whole.contains { $0.contains(" month@20 2025-02-20 ") })
            #expect(whole.contains { $0.contains(" year 2025-01-01 ") })
        }
    }

    @Test("an empty aggregate has no rows")
    func empty() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        #expect(PeriodRollup(configuration: configuration).rows(of: UsageAggregate()).isEmpty)
    }

    @Test("week buckets start on Monday across a year end")
    func weekAcrossYearEnd() throws {
        let configuration = try ConfigurationLoader.parse(text: "[[quota]]\nperiod = \"week\"")
        var aggregate = UsageAggregate()
        // 2026-12-31 is a Thursday; 2027-01-03 a Sunday.
        Self.add(&aggregate, "u", scope: 0, Self.day(12, 31), requests: 1, units: 1)
        Self.add(&aggregate, "u", scope: 0, Self.day(1, 3, year: 2027), requests: 1, units: 1)
        let weeks = PeriodRollup(configuration: configuration).rows(of: aggregate).filter { $0.period == .week }
        #expect(weeks.map(Self.line) == ["u all week 2026-12-28 2027-01-04 2 2"])
    }
}
