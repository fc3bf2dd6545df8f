import Testing
@testable import UsageAudit

@Suite struct TimeLayoutStrftimeTests {
    private func read(_ text: String, _ pattern: String, zone: String = "UTC") -> Int64? {
        TimeFixture.read(text, try! TimeLayout(strftime: pattern), zone: zone)
    }

    @Test func readsTheApacheDefaultPattern() {
        #expect(read("10/Oct/2000:13:55:36 -0700", "%d/%b/%Y:%H:%M:%S %z") == CivilInstant.utc(2000, 10, 10, 20, 55, 36))
        #expect(read("[10/Oct/2000:13:55:36 -0700]", "[%d/%b/%Y:%T %z]") == CivilInstant.utc(2000, 10, 10, 20, 55, 36))
    }

    @Test func readsNamesInAnyCaseAndLength() {
        let expected = CivilInstant.utc(2026, 9, 8, 7, 6, 5)
        #expect(read("Tue, 08 Sep 2026 07:06:05 GMT", "%a, %d %b %Y %T %Z") == expected)
        #expect(read("tuesday, 08 SEPTEMBER 2026 07:06:05 UTC", "%A, %d %B %Y %T %Z") == expected)
        #expect(read("Tue 08 Sep 2026 07:06:05 Z", "%a %d %h %Y %T %Z") == expected)
        #expect(read("Tux, 08 Sep 2026 07:06:05 GMT", "%a, %d %b %Y %T %Z") == nil)
    }

    @Test func readsZoneNamesOnlyWhenTheyFixTheOffset() {
        #expect(read("2026-01-25 14:30:00 CET", "%F %T %Z") == CivilInstant.utc(2026, 1, 25, 13, 30))
        #expect(read("2026-07-10 23:30:00 cest", "%F %T %Z", zone: "Asia/Tokyo") == CivilInstant.utc(2026, 7, 10, 21, 30))
        #expect(read("2026-07-10 23:30:00 PDT", "%F %T %Z") == CivilInstant.utc(2026, 7, 11, 6, 30))
        #expect(read("2026-07-10 23:30:00 ACDT", "%F %T %Z") == CivilInstant.utc(2026, 7, 10, 13, 0))
        // Names of several offsets, or of none.
        for name in ["CST", "IST", "BST", "AST", "XYZ", "C", "CENTRALX"] {
            #expect(read("2026-01-25 14:30:00 \(name)", "%F %T %Z") == nil, "\(name)")
        }
        #expect(read("2026-01-25 14:30:00 UTCX", "%F %T %Z") == nil)
        #expect(read("2026-01-25 14:30:00 +0100 CET", "%F %T %z %Z") == CivilInstant.utc(2026, 1, 25, 13, 30))
        #expect(read("2026-01-25 14:30:00 UTC", "%F %T %Z", zone: "Asia/Tokyo") == CivilInstant.utc(2026, 1, 25, 14, 30))
    }

    @Test func readsShortcutsAndTwoDigitYears() {
        #expect(read("01/25/26 14:30", "%D %R") == CivilInstant.utc(2026, 1, 25, 14, 30))
        #expect(read("01/25/69 14:30", "%D %R") == CivilInstant.utc(1969, 1, 25, 14, 30))
        #expect(read("01/25/68 14:30", "%D %R") == CivilInstant.utc(2068, 1, 25, 14, 30))
        #expect(read("2026-01-25T14:30:00", "%FT%T") == CivilInstant.utc(2026, 1, 25, 14, 30))
    }

    @Test func readsDayOfYearAndTwelveHourClocks() {
        #expect(read("2024 060 12:00:00 AM", "%Y %j %I:%M:%S %p") == CivilInstant.utc(2024, 2, 29))
        #expect(read("2024 366 12:30:00 pm", "%Y %j %I:%M:%S %p") == CivilInstant.utc(2024, 12, 31, 12, 30))
        #expect(read("2023 366 01:00:00 PM", "%Y %j %I:%M:%S %p") == nil)
        #expect(read("2024 001 00:00:00 PM", "%Y %j %I:%M:%S %p") == nil)
        #expect(read("2024 001 11:59:00 PM", "%Y %j %I:%M:%S %p") == CivilInstant.utc(2024, 1, 1, 23, 59))
    }

    @Test func readsPaddingVariants() {
        #expect(read("Jan  5 2026 07:00:00", "%b %e %Y %T") == CivilInstant.utc(2026, 1, 5, 7))
        #expect(read("Jan 15 2026 07:00:00", "%b %e %Y %T") == CivilInstant.utc(2026, 1, 15, 7))
        #expect(read("5.1.2026 7:00", "%-d.%-m.%Y %-H:%M") == CivilInstant.utc(2026, 1, 5, 7))
        #expect(read("Jan   2026", "%b %e %Y") == nil)
        #expect(read("Jan 5 2026", "%b %d %Y") == nil)
    }

    @Test func readsEpochForms() {
        #expect(read("1700000000", "%s") == 1_700_000_000)
        #expect(read("1700000000", "sec") == 1_700_000_000)
        #expect(read("1700000000123", "msec") == 1_700_000_000)
        #expect(read("1700000000123456", "end:usec") == 1_700_000_000)
        #expect(read("2026-01-25 14:30:00", "begin:%Y-%m-%d %H:%M:%S") == CivilInstant.utc(2026, 1, 25, 14, 30))
        var parts = TimeParts()
        let frac = try! TimeLayout(strftime: "msec_frac")
        var bytes = Array("123".utf8)
        #expect(bytes.withUnsafeMutableBufferPointer { frac.read(UnsafeBufferPointer($0), into: &parts) })
        #expect(parts == TimeParts())
    }

    @Test func readsLiteralPercentAndMissingSeconds() {
        #expect(read("100% 2026-01-25 14", "100%% %F %H") == CivilInstant.utc(2026, 1, 25, 14))
        #expect(read("2026-01-25", "%F") == CivilInstant.utc(2026, 1, 25))
    }

    @Test func readsLocalTimesInTheCalendarZone() {
        #expect(read("2026-01-25 09:30:00", "%F %T", zone: "America/New_York") == CivilInstant.utc(2026, 1, 25, 14, 30))
    }

    @Test func rejectsUnsupportedPatterns() {
        for pattern in ["%c", "%Y-%m-%d %Q", "%Y %", "", "literal only", "%%", "%E"] {
            #expect(throws: FormatError.self, "\(pattern)") { try TimeLayout(strftime: pattern) }
        }
        do {
            _ = try TimeLayout(strftime: "%x")
            Issue.record("%x accepted")
        } catch {
            #expect(error.description.contains("'%x' is not supported"))
            #expect(error.description.contains("%Y"))
        }
    }

    @Test func comparesByPattern() throws {
        #expect(try TimeLayout(strftime: "%s") == (try TimeLayout(strftime: "%s")))
        let apache = try TimeLayout(strftime: "%d/%b/%Y:%H:%M:%S %z")
        #expect(apache.kind == TimeLayout.commonLog.kind)
        #expect(TimeLayout.commonLog.description == "commonLog")
    }
}
