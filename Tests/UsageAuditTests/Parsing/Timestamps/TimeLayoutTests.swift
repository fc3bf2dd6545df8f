import Foundation
import Testing
@testable import UsageAudit

@Suite struct TimeLayoutTests {
    @Test func readsCommonLogTimes() {
        #expect(TimeFixture.read("10/Oct/2000:13:55:36 -0700", .commonLog) == CivilInstant.utc(2000, 10, 10, 20, 55, 36))
        #expect(TimeFixture.read("10/oct/2000:13:55:36 +0200", .commonLog) == CivilInstant.utc(2000, 10, 10, 11, 55, 36))
        #expect(TimeFixture.read("01/JAN/1970:00:00:00 +0000", .commonLog) == 0)
        #expect(TimeFixture.read("29/Feb/2024:23:59:59 +0000", .commonLog) == CivilInstant.utc(2024, 2, 29, 23, 59, 59))
        #expect(TimeFixture.read("31/Dec/1969:23:59:59 +0000", .commonLog) == -1)
        #expect(TimeFixture.read("01/Jan/2026:00:30:00 +0100", .commonLog) == CivilInstant.utc(2025, 12, 31, 23, 30))
        #expect(TimeFixture.read("25/Jan/2026:14:30:00 +0530", .commonLog) == CivilInstant.utc(2026, 1, 25, 9, 0))
    }

    @Test func rejectsMalformedCommonLogTimes() {
        for text in [
            "[10/Oct/2000:13:55:36 -0700]", "10/Oct/2000:13:55:36 -0700 ", "10/Oct/2000:13:55:36",
            "10/Okt/2000:13:55:36 -0700", "1/Oct/2000:13:55:36 -0700", "10/Oct/2000:13:55 -0700",
            "10/Oct/2000 13:55:36 -0700", "10/Oct/2000:13:55:36 0700", "", "-",
        ] {
            #expect(TimeFixture.read(text, .commonLog) == nil, "\(text)")
        }
    }

    @Test func rejectsInvalidDatesAndTimes() {
        for text in [
            "29/Feb/2023:00:00:00 +0000", "30/Feb/2024:00:00:00 +0000", "31/Apr/2026:00:00:00 +0000",
            "00/Jan/2026:00:00:00 +0000", "10/Oct/2000:24:00:00 +0000", "10/Oct/2000:13:60:00 +0000",
            "10/Oct/2000:13:00:61 +0000", "10/Oct/2000:13:00:00 +2400", "10/Oct/2000:13:00:00 +0160",
        ] {
            #expect(TimeFixture.read(text, .commonLog) == nil, "\(text)")
        }
        #expect(TimeFixture.read("2026-13-01T00:00:00Z", .iso8601) == nil)
        #expect(TimeFixture.read("2026-00-10T00:00:00Z", .iso8601) == nil)
        #expect(TimeFixture.read("1900-02-29T00:00:00Z", .iso8601) == nil)
        #expect(TimeFixture.read("2000-02-29T00:00:00Z", .iso8601) == CivilInstant.utc(2000, 2, 29))
    }

    @Test func readsLeapSecondsInTheirMinute() {
        #expect(TimeFixture.read("2016-12-31T23:59:60Z", .iso8601) == CivilInstant.utc(2016, 12, 31, 23, 59, 59))
    }

    @Test func readsISO8601Times() {
        let expected = CivilInstant.utc(2000, 10, 10, 13, 55, 36)
        #expect(TimeFixture.read("2000-10-10T13:55:36Z", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10t13:55:36z", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10 13:55:36Z", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T15:55:36+02:00", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T15:55:36+0200", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T15:55:36+02", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T09:25:36-04:30", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T13:55:36.999999999Z", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T13:55:36,5+00:00", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T13:55:36.1", .iso8601) == expected)
        #expect(TimeFixture.read("2000-10-10T13:55Z", .iso8601) == CivilInstant.utc(2000, 10, 10, 13, 55))
        #expect(TimeFixture.read("1969-12-31T23:59:59.9Z", .iso8601) == -1)
    }

    @Test func readsISO8601WithoutOffsetInTheCalendarZone() {
        #expect(TimeFixture.read("2026-01-25T09:30:00", .iso8601, zone: "America/New_York") == CivilInstant.utc(2026, 1, 25, 14, 30))
        #expect(TimeFixture.read("2026-07-25T09:30:00", .iso8601, zone: "America/New_York") == CivilInstant.utc(2026, 7, 25, 13, 30))
        #expect(TimeFixture.read("2026-07-25T09:30:00Z", .iso8601, zone: "America/New_York") == CivilInstant.utc(2026, 7, 25, 9, 30))
    }

    @Test func rejectsMalformedISO8601Times() {
        for text in [
            "2000-10-10", "2000-10-10T13", "2000-10-10T13:55:36.", "2000-10-10T13:55:36Zjunk",
            "2000-10-10T13:55:36 ", "2000-10-10X13:55:36Z", "2000-1-10T13:55:36Z", "02000-10-10T13:55:36Z",
            "2000-10-10T13:55:36+2", "2000-10-10T13:55:36+02:0", "2000-10-10T13:55:36+02:", "\u{0}",
        ] {
            #expect(TimeFixture.read(text, .iso8601) == nil, "\(text)")
        }
    }

    @Test func readsEpochTimes() {
        #expect(TimeFixture.read("1700000000", .epochSeconds) == 1_700_000_000)
        #expect(TimeFixture.read("1700000000.999", .epochSeconds) == 1_700_000_000)
        #expect(TimeFixture.read("1700000000.000", .epochSeconds) == 1_700_000_000)
        #expect(TimeFixture.read("0", .epochSeconds) == 0)
        #expect(TimeFixture.read("-1.5", .epochSeconds) == -2)
        #expect(TimeFixture.read("-1.0", .epochSeconds) == -1)
        #expect(TimeFixture.read("1700000000123", .epochMilliseconds) == 1_700_000_000)
        #expect(TimeFixture.read("1700000000999.9", .epochMilliseconds) == 1_700_000_000)
        #expect(TimeFixture.read("-1", .epochMilliseconds) == -1)
        #expect(TimeFixture.read("-1000", .epochMilliseconds) == -1)
        #expect(TimeFixture.read("-1001", .epochMilliseconds) == -2)
        #expect(TimeFixture.read("1700000000123456", .epochMicroseconds) == 1_700_000_000)
    }

    @Test func rejectsMalformedEpochTimes() {
        for text in ["", "-", "1700000000.", "17000x", " 1700000000", "1700000000 ", "1.2.3", "+5",
                     "9999999999999999999999", "999999999999999999"] {
            #expect(TimeFixture.read(text, .epochSeconds) == nil, "\(text)")
        }
    }

    @Test func addsPiecesFromSeveralFields() {
        let date = try! TimeLayout(strftime: "%Y-%m-%d %H:%M:%S")
        let zone = try! TimeLayout(strftime: "%z")
        #expect(TimeFixture.read(["2026-03-29 12:00:00", "+0200"], [date, zone]) == CivilInstant.utc(2026, 3, 29, 10))
        #expect(TimeFixture.read(["2026-03-29 12:00:00", "-0330"], [date, zone]) == CivilInstant.utc(2026, 3, 29, 15, 30))
        #expect(TimeFixture.read(["2026-03-29 12:00:00", "02:00"], [date, zone]) == nil)
    }

    @Test func refusesOutOfRangePiecesSetDirectly() {
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)
        var parts = TimeParts()
        parts.year = 2026
        parts.month = 1
        parts.day = 25
        #expect(parts.epochSeconds(in: calendar) == CivilInstant.utc(2026, 1, 25))
        for offset in [Int.min, Int.max, 86_400, -86_400] {
            parts.utcOffset = offset
            #expect(parts.epochSeconds(in: calendar) == nil)
        }
        parts.utcOffset = nil
        for year in [Int.min, -1, 10_000, Int.max] {
            parts.year = year
            #expect(parts.epochSeconds(in: calendar) == nil)
        }
        parts.year = 2026
        parts.dayOfYear = 40
        #expect(parts.epochSeconds(in: calendar) == CivilInstant.utc(2026, 1, 25))
        parts.month = nil
        parts.day = nil
        #expect(parts.epochSeconds(in: calendar) == CivilInstant.utc(2026, 2, 9))
        parts.dayOfYear = Int.min
        #expect(parts.epochSeconds(in: calendar) == nil)
        parts.dayOfYear = 40
        parts.hour12 = Int.max
        #expect(parts.epochSeconds(in: calendar) == nil)
        parts.hour12 = 12
        parts.isPM = true
        #expect(parts.epochSeconds(in: calendar) == CivilInstant.utc(2026, 2, 9, 12))
        // Without an offset, absolute seconds win over the wall-clock time.
        parts.absoluteSeconds = Int64.max
        #expect(parts.epochSeconds(in: calendar) == nil)
        parts.utcOffset = 3600
        #expect(parts.epochSeconds(in: calendar) == CivilInstant.utc(2026, 2, 9, 11))
        parts.utcOffset = nil
        parts.year = nil
        #expect(parts.epochSeconds(in: calendar) == nil)
        parts.absoluteSeconds = 1_700_000_000
        #expect(parts.epochSeconds(in: calendar) == 1_700_000_000)
    }

    @Test func resetForgetsEverything() {
        var parts = TimeParts()
        parts.year = 2026
        parts.utcOffset = 3600
        parts.absoluteSeconds = 5
        parts.reset()
        #expect(parts == TimeParts())
        #expect(parts.epochSeconds(in: ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!)) == nil)
    }

    @Test func survivesRandomBytes() {
        var generator = SeededRandom(seed: 0x7153)
        let layouts: [TimeLayout] = [
            .commonLog, .iso8601, .epochSeconds, .epochMilliseconds, .epochMicroseconds,
            try! TimeLayout(strftime: "%a, %d %b %Y %T %Z"), try! TimeLayout(strftime: "%-d.%_m.%y %I:%M %p %j"),
        ]
        let alphabet = Array("0123456789-+:/. TZtzJanOctMonPMam%\u{0}\u{FF}".utf8)
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        for round in 0..<20_000 {
            let count = Int.random(in: 0...32, using: &generator)
            var bytes = (0..<count).map { _ in
                round % 2 == 0 ? UInt8.random(in: 0...255, using: &generator) : alphabet.randomElement(using: &generator)!
            }
            for layout in layouts {
                var parts = TimeParts()
                let matched = bytes.withUnsafeMutableBufferPointer { layout.read(UnsafeBufferPointer($0), into: &parts) }
                if matched, let seconds = parts.epochSeconds(in: calendar) {
                    #expect(TimeParts.supportedSeconds.contains(seconds))
                }
            }
        }
    }

    @Test func survivesMutatedValidTimes() {
        let samples = ["10/Oct/2000:13:55:36 -0700", "2000-10-10T13:55:36.123+02:00", "1700000000.123"]
        let layouts: [TimeLayout] = [.commonLog, .iso8601, .epochSeconds]
        for (sample, layout) in zip(samples, layouts) {
            let original = Array(sample.utf8)
            for position in original.indices {
                for replacement: UInt8 in [0, 0x20, 0x2B, 0x2D, 0x30, 0x39, 0x3A, 0x5A, 0xFF] {
                    var bytes = original
                    bytes[position] = replacement
                    for length in [position, position + 1, bytes.count] {
                        var parts = TimeParts()
                        _ = bytes[..<length].withUnsafeBufferPointer { layout.read($0, into: &parts) }
                        _ = parts.epochSeconds(in: ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!))
                    }
                }
            }
        }
    }
}
