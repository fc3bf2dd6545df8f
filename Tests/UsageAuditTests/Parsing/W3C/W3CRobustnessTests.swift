import Testing
@testable import UsageAudit

@Suite struct W3CRobustnessTests {
    static let header = Array("#Fields: date time c-ip cs-method cs-uri sc-status cs(X-Api-Key) time-taken".utf8)
    static let valid = Array("2026-11-20 10:00:00 192.0.2.1 GET /a?b=1 200 key-1 12".utf8)

    @Test func survivesRandomLinesAndHeaders() throws {
        var probe = try FormatLineProbe(W3CLogFormat(), fields: ["cs(X-Api-Key)", "time-taken"])
        var generator = SeededRandom(seed: 99)
        let pieces = ["#Fields: ", "#Date: ", "date", "time", "c-ip", "sc-status", "cs-uri", "cs(X-Api-Key)", " ", "\t",
                      "-", "2026-11-20", "10:00:00", "200", "/a?b", "#", "\r", "\u{0}", "é", "99:99:99", "2026-02-30"]
        let alphabet = Array(" \t-:#0123456789".utf8) + [0x00, 0xFF, 0x0D]
        var parsed = 0
        for round in 0..<30_000 {
            var line: [UInt8]
            switch round % 4 {
            case 0:
                line = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1:
                let count = Int.random(in: 0...12, using: &generator)
                line = Array((0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined().utf8)
            case 2:
                line = Self.header
                if round % 40 != 2 { line[Int.random(in: 0..<line.count, using: &generator)] = alphabet.randomElement(using: &generator)! }
            default:
                line = Self.valid
                for _ in 0..<Int.random(in: 0...2, using: &generator) {
                    line[Int.random(in: 0..<line.count, using: &generator)] = alphabet.randomElement(using: &generator)!
                }
            }
            let result = probe.parse(bytes: line)
            #expect(result.spansInBounds)
            if result.result == .parsed { parsed += 1 }
        }
        #expect(parsed > 100)
    }

    @Test func readsOnlyPrefixesThatHoldEveryValue() throws {
        var probe = try FormatLineProbe(W3CLogFormat(), fields: ["time-taken"])
        _ = probe.parse(bytes: Self.header)
        for length in 0...Self.valid.count {
            let prefix = Array(Self.valid[..<length])
            let line = probe.parse(bytes: prefix)
            let values = prefix.split(separator: ASCII.space).count
            #expect(line.spansInBounds)
            if values == 8 {
                #expect(line.result == .parsed)
            } else if values > 0 {
                #expect(line.result == .malformed("the number of values does not match the #Fields: header"))
            } else {
                #expect(line.result == .ignored)
            }
        }
        #expect(probe.parse(bytes: Self.valid).fields["time-taken"] == "12")
    }
}
