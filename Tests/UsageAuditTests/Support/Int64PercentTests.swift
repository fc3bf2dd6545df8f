import Testing
@testable import UsageAudit

@Suite("Int64.percent(of:)")
struct Int64PercentTests {
    @Test("whole percentages rounded away from 100 (only the whole reads 100), exactly where floating point is a hair off", arguments: [
        (57, 50, 114), (114, 50, 228), (1087, 1000, 109), (773, 2000, 38), (996, 1000, 99),
        (5000, 5000, 100), (1, 3, 33), (0, 50, 0), (1204, 5000, 24), (201, 200, 101), (700, 600, 117),
        (1001, 1000, 101), (2000, 1000, 200),
    ] as [(Int64, Int64, Int64)])
    func exact(part: Int64, whole: Int64, percent: Int64) {
        #expect(part.percent(of: whole) == percent)
    }

    @Test("huge values stay exact or saturate; a whole that is not positive and a negative part give 0")
    func bounds() {
        #expect(Int64.max.percent(of: .max) == 100)
        #expect((Int64.max - 1).percent(of: .max) == 99)
        #expect(Int64.max.percent(of: 100) == .max)
        #expect(Int64.max.percent(of: 1) == .max)
        #expect((Int64.max / 2).percent(of: Int64.max / 3) == 150, "exactly 1.5 times")
        #expect((Int64.max / 2 + 1).percent(of: Int64.max / 3) == 151, "a hair past 150 %: up")
        #expect((Int64.max / 2 * 2).percent(of: Int64.max / 2) == 200, "exactly twice")
        #expect(Int64(5).percent(of: 0) == 0 && Int64(5).percent(of: -3) == 0 && Int64(-5).percent(of: 10) == 0)
    }
}
