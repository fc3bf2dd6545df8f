import Testing
@testable import UsageAudit

@Suite("BinaryInteger.counted")
struct BinaryIntegerCountedTests {
    @Test("one is singular; zero, many and negative counts are plural; any integer type")
    func countedNouns() {
        #expect(1.counted("change") == "1 change")
        #expect(0.counted("change") == "0 changes")
        #expect(2.counted("UPDATE statement") == "2 UPDATE statements")
        #expect(Int64(-1).counted("unit") == "-1 units")
        #expect(Int32(1).counted("new line") == "1 new line")
        #expect(2_536_000.counted("request") == "2,536,000 requests")
    }
}
