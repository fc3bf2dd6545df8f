import Testing
@testable import UsageAudit

@Suite("Array.prefetch")
struct ArrayPrefetchTests {
    @Test("a hint for any index: out of bounds and on an empty array it is ignored, and nothing changes")
    func anyIndex() {
        let values = Array(0..<100)
        for index in [-1, 0, 50, 99, 100, Int.max, Int.min] {
            values.prefetch(at: index)
            values.prefetchForWriting(at: index)
        }
        let empty: [Int] = []
        empty.prefetch(at: 0)
        empty.prefetchForWriting(at: 0)
        #expect(values == Array(0..<100))
    }
}
