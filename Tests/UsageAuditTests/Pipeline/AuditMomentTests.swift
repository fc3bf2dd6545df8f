import Foundation
import Testing
@testable import UsageAudit

@Suite("AuditMoment.parse")
struct AuditMomentTests {
    private static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// 2026-11-21T00:00:00Z.
    private static let midnightUTC: Int64 = 1_795_219_200

    @Test("RFC 3339 times with an offset ignore the zone", arguments: [
        ("2026-11-21T00:00:00Z", midnightUTC),
        ("2026-11-21T00:00:00z", midnightUTC),
        ("2026-11-21T01:00:00+01:00", midnightUTC),
        ("2026-11-20T19:00:00-05:00", midnightUTC),
        ("2026-11-21T05:30:00+05:30", midnightUTC),
        ("2026-11-21T00:00:00.999Z", midnightUTC),
        ("2026-11-21 00:00:00Z", midnightUTC),
        ("2026-11-21T00:00:01Z", midnightUTC + 1),
        ("1970-01-01T00:00:00Z", 0),
    ])
    func withOffset(text: String, expected: Int64) {
        #expect(AuditMoment.parse(text, timeZone: Self.berlin) == expected)
        #expect(AuditMoment.parse(text, timeZone: .gmt) == expected)
    }

    @Test("a time without an offset is read in the given zone")
    func withoutOffset() {
        #expect(AuditMoment.parse("2026-11-21T00:00:00", timeZone: .gmt) == Self.midnightUTC)
        #expect(AuditMoment.parse("2026-11-21T01:00:00", timeZone: Self.berlin) == Self.midnightUTC)
        // Summer time: +02:00.
        #expect(AuditMoment.parse("2026-07-01T02:00:00", timeZone: Self.berlin) == AuditMoment.parse("2026-07-01T00:00:00Z", timeZone: .gmt))
    }

    @Test("text that is not an RFC 3339 time is refused", arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-21T25:00:00Z",
        "2026-11-21T00:00:00Zjunk", "21/Nov/2026:00:00:00 +0000", "2026-11-21T00:00:00+25:00", "1795219200",
    ])
    func refused(text: String) {
        #expect(AuditMoment.parse(text, timeZone: .gmt) == nil)
    }

    @Test("parsing and RFC 3339 rendering round-trip")
    func roundTrip() {
        let calendar = ZonedCalendar(timeZone: Self.berlin)
        for seconds in stride(from: Int64(1_767_225_600), to: 1_798_761_600, by: 86_400 * 7 + 3_661) {
            #expect(AuditMoment.parse(calendar.rfc3339(seconds), timeZone: .gmt) == seconds)
        }
    }
}
