import Testing
@testable import UsageAudit

@Suite("PostgreSQL timestamps as RFC 3339 text")
struct PostgresTimestampTextTests {
    private let day: Int64 = 86_400_000_000

    @Test func theEpochIs2000() {
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: 0, zoned: true) == "2000-01-01T00:00:00Z")
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: 0, zoned: false) == "2000-01-01T00:00:00")
        #expect(PostgresTimestampText.date(daysSince2000: 0) == "2000-01-01")
    }

    @Test func writesFractionsWithoutTrailingZeros() {
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: 250_000, zoned: true) == "2000-01-01T00:00:00.25Z")
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: 1, zoned: true) == "2000-01-01T00:00:00.000001Z")
    }

    @Test func countsBackwardsBefore2000() {
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: -1, zoned: true) == "1999-12-31T23:59:59.999999Z")
        #expect(PostgresTimestampText.date(daysSince2000: -10_957) == "1970-01-01")
        #expect(PostgresTimestampText.date(daysSince2000: -1) == "1999-12-31")
    }

    @Test func handlesLeapDays() {
        // 2000 is a leap year: day 59 is Feb 29; 2100 is not.
        #expect(PostgresTimestampText.date(daysSince2000: 59) == "2000-02-29")
        #expect(PostgresTimestampText.date(daysSince2000: 60) == "2000-03-01")
        #expect(PostgresTimestampText.date(daysSince2000: 36_583) == "2100-02-28")
        #expect(PostgresTimestampText.date(daysSince2000: 36_584) == "2100-03-01")
    }

    @Test func matchesAKnownInstant() {
        // 2026-11-20T09:30:15Z is 1795167015 Unix seconds; 2000-01-01 is 946684800.
        let micro = (1_795_167_015 - 946_684_800) * 1_000_000 as Int64
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: micro, zoned: true) == "2026-11-20T09:30:15Z")
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: micro + 3 * day, zoned: false) == "2026-11-23T09:30:15")
    }

    @Test func keepsInfinities() {
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: .max, zoned: true) == "infinity")
        #expect(PostgresTimestampText.timestamp(microsecondsSince2000: .min, zoned: false) == "-infinity")
        #expect(PostgresTimestampText.date(daysSince2000: .max) == "infinity")
        #expect(PostgresTimestampText.date(daysSince2000: .min) == "-infinity")
    }

    @Test func neverTrapsAtTheEdges() {
        for value in [Int64.min + 1, Int64.max - 1, -day * 2_451_545, Int64.min / 2] {
            let text = PostgresTimestampText.timestamp(microsecondsSince2000: value, zoned: true)
            #expect(text.hasSuffix("Z"))
        }
        #expect(PostgresTimestampText.date(daysSince2000: Int32.min + 1).hasPrefix("-"))
        #expect(PostgresTimestampText.date(daysSince2000: Int32.max - 1).count > 10)
    }

    @Test func writesYearsBeforeZeroWithASign() {
        // PostgreSQL's earliest date, 4714-11-24 BC, is astronomical year -4713.
        #expect(PostgresTimestampText.date(daysSince2000: -2_451_545) == "-4713-11-24")
    }
}
