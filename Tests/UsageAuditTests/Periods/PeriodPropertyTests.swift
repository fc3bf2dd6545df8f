import Testing
@testable import UsageAudit

/// Properties of every period kind, checked for every day of 2015–2030.
@Suite struct PeriodPropertyTests {
    static let first = LocalDay(CivilDate(year: 2015, month: 1, day: 1))
    static let last = LocalDay(CivilDate(year: 2030, month: 12, day: 31))

    static let periods: [Period] = [.day, .week, .month, .year]
        + [1, 2, 7, 30, 45, 365, 400].flatMap { count in
            [Period.days(count, anchor: LocalDay(number: 0)), .days(count, anchor: LocalDay(CivilDate(year: 2022, month: 3, day: 17)))]
        }
        + (1...31).map { Period.billingCycle(day: $0) }

    @Test(arguments: periods)
    func bucketsTileTheDays(period: Period) {
        var current = period.bucket(containing: Self.first)
        #expect(current.contains(Self.first))
        var day = Self.first
        while day <= Self.last {
            if day == current.end {
                let next = period.bucket(after: current)
                #expect(next.start == current.end, "\(period) gap or overlap after \(current)")
                current = next
            }
            let bucket = period.bucket(containing: day)
            // Each day is in exactly the bucket the walk is in: no gap, no overlap.
            #expect(bucket == current, "\(period) \(day)")
            #expect(bucket.contains(day))
            #expect(bucket.dayCount >= 1)
            day = day.adding(days: 1)
        }
    }

    @Test(arguments: periods)
    func bucketsHaveTheirKindsShape(period: Period) {
        var bucket = period.bucket(containing: Self.first)
        var previousStartMonth: Int?
        while bucket.start <= Self.last {
            let start = bucket.start.date
            switch period {
            case .day:
                #expect(bucket.dayCount == 1)
            case .week:
                #expect(bucket.start.isoWeekday == 1 && bucket.dayCount == 7)
            case .month:
                #expect(start.day == 1 && bucket.end.date.day == 1)
                #expect(bucket.dayCount == CivilDate.length(ofMonth: start.month, inYear: start.year))
            case .year:
                #expect(start.month == 1 && start.day == 1 && bucket.end.date.year == start.year + 1)
            case .days(let count, let anchor):
                #expect(bucket.dayCount == count)
                #expect((Int(bucket.start.number) - Int(anchor.number)) % count == 0)
            case .billingCycle(let cycleDay):
                let expectedDay = min(cycleDay, CivilDate.length(ofMonth: start.month, inYear: start.year))
                #expect(start.day == expectedDay, "\(period) \(bucket)")
                #expect((28...31).contains(bucket.dayCount))
                let monthIndex = start.year * 12 + start.month
                if let previousStartMonth { #expect(monthIndex == previousStartMonth + 1, "\(period) skipped a month") }
                previousStartMonth = monthIndex
            }
            bucket = period.bucket(after: bucket)
        }
    }
}
