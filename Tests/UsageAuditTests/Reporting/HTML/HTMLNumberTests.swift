import Testing
@testable import UsageAudit

@Suite("HTMLNumber")
struct HTMLNumberTests {
    @Test("whole numbers get thousands separators")
    func grouped() {
        #expect(HTMLNumber.grouped(0) == "0")
        #expect(HTMLNumber.grouped(4_963) == "4,963")
        #expect(HTMLNumber.grouped(-1_234_567) == "-1,234,567")
        #expect(HTMLNumber.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    @Test("decimals have a fixed number of places and never trap")
    func decimals() {
        #expect(HTMLNumber.decimal(1_234.5, places: 2) == "1,234.50")
        #expect(HTMLNumber.decimal(305.46, places: 1) == "305.5")
        #expect(HTMLNumber.decimal(-0.04, places: 1) == "0.0")
        #expect(HTMLNumber.decimal(-2.25, places: 0) == "-2")
        #expect(HTMLNumber.decimal(.infinity, places: 1) == "–")
        #expect(HTMLNumber.decimal(1e300, places: 6) == "–")
        #expect(HTMLNumber.decimal(.nan, places: 1) == "–")
    }

    @Test("SVG coordinates have one decimal at most")
    func coordinates() {
        #expect(HTMLNumber.coordinate(12) == "12")
        #expect(HTMLNumber.coordinate(3.46) == "3.5")
        #expect(HTMLNumber.coordinate(-0.25) == "-0.3")
        #expect(HTMLNumber.coordinate(.nan) == "0")
        #expect(HTMLNumber.coordinate(1e300) == "1000000000")
    }
}
