import Testing
@testable import UsageAudit

extension RecommendationTests {
    @Suite("HumanNumber")
    struct HumanNumberTests {
        @Test("rounds up onto the 1.0/1.1…, 2.0/2.2…, 5.0/5.5… ladder", arguments: [
            (6230, 6500), (6245, 6500), (6250, 6500), (6500, 6500), (1040, 1100), (2090, 2200), (12345, 13000),
            (48001, 50000), (9999, 10000), (2760, 2800), (100, 100), (101, 110), (46, 46), (55, 55), (57, 60),
            (9, 9), (0, 0), (-5, -5), (1_000_001, 1_100_000),
        ] as [(Int64, Int64)])
        func ladder(value: Int64, expected: Int64) {
            #expect(HumanNumber.roundedUp(value) == expected)
        }

        @Test("never below the number, at most 10% above it, and stable")
        func properties() {
            var random = SeededRandom(seed: 2026)
            for _ in 0..<5000 {
                let magnitude = Int64.random(in: 1...18, using: &random)
                var bound: Int64 = 1
                for _ in 0..<magnitude { bound = bound.multipliedReportingOverflow(by: 10).partialValue }
                let value = Int64.random(in: 10...max(10, bound), using: &random)
                let rounded = HumanNumber.roundedUp(value)
                #expect(rounded >= value)
                #expect(Double(rounded) <= Double(value) * 1.1 + 1)
                #expect(HumanNumber.roundedUp(rounded) == rounded)
            }
        }

        @Test("saturates instead of trapping")
        func extremes() {
            #expect(HumanNumber.roundedUp(.max) == .max)
            #expect(HumanNumber.roundedUp(.max - 1) == .max - 1)
            #expect(HumanNumber.scaled(.max, by: 1.15) == .max)
            #expect(HumanNumber.scaled(8000, by: 1.15) == 9200)
            #expect(HumanNumber.scaled(5430, by: 1.15) == 6245)
            #expect(HumanNumber.scaled(10, by: .nan) == 10)
            #expect(HumanNumber.multiplied(.max / 2 + 1, by: 3) == .max)
        }
    }
}
