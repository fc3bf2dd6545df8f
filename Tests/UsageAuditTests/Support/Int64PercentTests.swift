import Testing
@testable import UsageAudit

@Suite("Int64.percent(of:)")
struct Int64PercentTests {
    @Test("whole percentages rounded down, exactly where floating point is a hair below", arguments: [
        (57, 50, 114), (114, 50, 228), (1087, 1000, 108), (773, 2000, 38), (996, 1000, 99),
        (5000, 5000, 100), (1, 3, 33), (0, 50, 0), (1204, 5000, 24),
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
        #expect((Int64.max / 2).percent(of: Int64.max / 3) == 150)
        #expect(Int64(5).percent(of: 0) == 0 && Int64(5).percent(of: -3) == 0 && Int64(-5).percent(of: 10) == 0)
    }
}
