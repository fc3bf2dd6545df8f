import Testing
@testable import UsageAudit

@Suite("UsageRows")
struct UsageRowsTests {
    private static func day(_ month: Int, _ day: Int) -> LocalDay {
        LocalDay(CivilDate(year: 2026, month: month, day: day))
    }

    private static func aggregate() -> UsageAggregate {
        var aggregate = UsageAggregate()
        for (user, scope, day, units) in [("bob", 0, day(2, 16), 4), ("ann", 1, day(2, 16), 5), ("ann", 0, day(1, 5), 3)] {
            let noon = Int64(day.number) * 86_400 + 43_200
            aggregate.add(
                UsageCounts(requests: Int64(units), units: Int64(units), rejected: 0, firstSeen: noon, lastSeen: noon),
                user: user, scope: scope, day: day)
        }
        return aggregate
    }

    private static let configuration = """
        [[scope]]
        name = "geo"
        paths = ["/geo"]

        [[quota]]
        scope = "all"
        period = "month"
        """

    @Test("rolled up while read: the rows of PeriodRollup in the reported window, in its order")
    func rollsUpWhileRead() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        let aggregate = Self.aggregate()
        // Only February is reported: the January day and month buckets are left out.
        let window = ReportWindow(asOfDay: Self.day(2, 16), touchedDays: [Self.day(2, 16)])
        let rows = UsageRows(rollingUp: aggregate, configuration: configuration, window: window)
        let expected = PeriodRollup(configuration: configuration).rows(of: aggregate) { _, range in window.contains(range) }
        var streamed: [UsageRow] = []
        rows.forEachRow { streamed.append($0) }
        #expect(!expected.isEmpty)
        #expect(streamed == expected)
        #expect(rows.all == expected)
        #expect(Array(rows) == expected)
        #expect(!streamed.contains { $0.bucket.start < Self.day(2, 1) })
        #expect(rows == UsageRows(expected))
        #expect(!rows.isEmpty)
    }

    @Test("empty when nothing falls in the window, or nothing was counted")
    func empty() throws {
        let configuration = try ConfigurationLoader.parse(text: Self.configuration)
        let later = ReportWindow(asOfDay: Self.day(6, 1), touchedDays: [Self.day(6, 1)])
        #expect(UsageRows(rollingUp: Self.aggregate(), configuration: configuration, window: later).isEmpty)
        #expect(UsageRows(rollingUp: UsageAggregate(), configuration: configuration, window: later).isEmpty)
        let rows: UsageRows = []
        #expect(rows.isEmpty && rows.all.isEmpty)
    }
}
