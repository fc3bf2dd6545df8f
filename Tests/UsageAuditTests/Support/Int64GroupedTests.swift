import Testing
@testable import UsageAudit

@Suite("Int64.grouped")
struct Int64GroupedTests {
    /// The digits of `value` grouped by threes, built the slow and obvious way.
    private func expected(_ value: Int64) -> String {
        let digits = Array(String(value.magnitude))
        var groups: [String] = []
        var end = digits.count
        while end > 0 {
            groups.insert(String(digits[max(0, end - 3)..<end]), at: 0)
            end -= 3
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    @Test("digits are grouped by threes from the right, with the sign in front")
    func examples() {
        #expect(Int64(0).grouped == "0")
        #expect(Int64(7).grouped == "7")
        #expect(Int64(999).grouped == "999")
        #expect(Int64(1000).grouped == "1,000")
        #expect(Int64(4963).grouped == "4,963")
        #expect(Int64(-1200).grouped == "-1,200")
        #expect(Int64(-999).grouped == "-999")
        #expect(Int64(123_456_789).grouped == "123,456,789")
        #expect(Int64.max.grouped == "9,223,372,036,854,775,807")
        #expect(Int64.min.grouped == "-9,223,372,036,854,775,808")
    }

    @Test("every power of ten and its neighbours, and random values, match the obvious grouping")
    func matchesTheObviousGrouping() {
        var values: [Int64] = [Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<19 {
            values += [power - 1, power, power + 1, -power, -(power - 1), -(power + 1)]
            if power > Int64.max / 10 { break }
            power *= 10
        }
        var generator = SeededRandom(seed: 12)
        for _ in 0..<2_000 {
            values.append(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64.random(in: 0...62, using: &generator))
        }
        for value in values {
            #expect(value.grouped == expected(value), "\(value)")
        }
    }
}
