import Synchronization
import Testing
@testable import UsageAudit

@Suite("Concurrently")
struct ConcurrentlyTests {
    @Test("run returns each piece of work's own result, whichever finishes first")
    func runKeepsResultsApart() {
        let (numbers, text) = Concurrently.run({ (0..<10_000).reduce(0, +) }, { String(repeating: "ab", count: 3) })
        #expect(numbers == 49_995_000)
        #expect(text == "ababab")
        // Work of different lengths: the slow one is still the first result.
        let (slow, fast) = Concurrently.run({ () -> [Int] in (0..<200_000).map { $0 * 2 }.filter { $0 % 3 == 0 } }, { 7 })
        #expect(slow.count == 66_667 && slow.last == 399_996)
        #expect(fast == 7)
    }

    @Test("run nests: three pieces of work on two sides")
    func runNests() {
        let (a, (b, c)) = Concurrently.run({ "a" }, { Concurrently.run({ 2 }, { [3] }) })
        #expect(a == "a" && b == 2 && c == [3])
    }

    @Test("forEach calls the body once for every index", arguments: [0, 1, 2, 17, 1000])
    func forEachCoversEveryIndex(count: Int) {
        let seen = Mutex([Int](repeating: 0, count: count))
        Concurrently.forEach(count) { index in
            seen.withLock { $0[index] += 1 }
        }
        #expect(seen.withLock { $0 } == [Int](repeating: 1, count: count))
    }
}
