import Testing
@testable import UsageAudit

@Suite struct JSONTimeTests {
    /// 2023-11-14T22:13:20Z.
    static let instant: Int64 = 1_700_000_000

    func timestamp(_ time: String, zone: String = "UTC") throws -> Int64? {
        var probe = try FormatLineProbe(JSONLogFormat(), timeZone: zone)
        let line = probe.parse(#"{"uri":"/","time":"# + time + "}")
        return line.result == .parsed ? line.timestamp : nil
    }

    @Test func readsEpochNumbersByTheirSize() throws {
        #expect(try timestamp("1700000000") == Self.instant)
        #expect(try timestamp("1700000000.999") == Self.instant)
        #expect(try timestamp("1700000000123") == Self.instant)
        #expect(try timestamp("1700000000123.5") == Self.instant)
        #expect(try timestamp("1700000000123456") == Self.instant)
        #expect(try timestamp("1700000000123456789") == Self.instant)
        #expect(try timestamp("99999999999") == 99_999_999_999)  // the last second read as seconds
        #expect(try timestamp("100000000000") == 100_000_000)  // 10^11 is milliseconds
        #expect(try timestamp("0") == 0)
        #expect(try timestamp("-86400") == -86_400)
    }

    @Test func readsEpochWrittenAsStrings() throws {
        #expect(try timestamp(#""1700000000.123""#) == Self.instant)
        #expect(try timestamp(#""1700000000123""#) == Self.instant)
    }

    @Test func readsISO8601AndCommonLogStrings() throws {
        #expect(try timestamp(#""2023-11-14T22:13:20Z""#) == Self.instant)
        #expect(try timestamp(#""2023-11-14T23:13:20.5+01:00""#) == Self.instant)
        #expect(try timestamp(#""2023-11-14 22:13:20""#) == Self.instant)
        #expect(try timestamp(#""2023-11-14T23:13:20""#, zone: "Europe/Berlin") == Self.instant)
        #expect(try timestamp(#""14/Nov/2023:23:13:20 +0100""#) == Self.instant)
        #expect(try timestamp(#""[14/Nov/2023:22:13:20 +0000]""#) == Self.instant)
    }

    @Test func refusesTimesItCannotRead() throws {
        for time in [#""yesterday""#, "true", "1.7e9", #""2023-13-14T22:13:20Z""#, #""14/Nov/2023""#, "12345678901234567890", "{}", "[]", "null"] {
            #expect(try timestamp(time) == nil, "\(time)")
        }
    }
}
