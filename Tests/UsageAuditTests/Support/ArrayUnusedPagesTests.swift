import Glibc
import Testing
@testable import UsageAudit

@Suite("Array.releaseUnusedPages")
struct ArrayUnusedPagesTests {
    private let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// How many of the whole pages between byte `from` and byte `to` of `values`' storage
    /// are resident, and how many there are (`mincore`).
    private func residentPages(of values: inout [UInt64], from: Int, to: Int) -> (resident: Int, pages: Int) {
        values.withUnsafeMutableBufferPointer { buffer in
            let base = Int(bitPattern: buffer.baseAddress!)
            let start = (base + from + page - 1) & ~(page - 1)
            let end = (base + to) & ~(page - 1)
            guard end > start else { return (0, 0) }
            var vector = [UInt8](repeating: 0, count: (end - start) / page)
            let status = mincore(UnsafeMutableRawPointer(bitPattern: start), end - start, &vector)
            precondition(status == 0, "mincore failed")
            return (vector.filter { $0 & 1 == 1 }.count, vector.count)
        }
    }

    @Test("the pages past the elements leave memory; the elements, the capacity and later appends are kept")
    func releasesThePagesPastTheElements() {
        // 16 MiB written whole, then cut to its first 1,000 elements as a pruned table is:
        // the pages of the removed elements stay resident until released.
        var values = [UInt64](repeating: 7, count: 2 << 20)
        for index in values.indices { values[index] = UInt64(index) }
        values.removeSubrange(1_000...)
        let capacity = values.capacity
        let stride = MemoryLayout<UInt64>.stride
        let before = residentPages(of: &values, from: 1_000 * stride, to: capacity * stride)
        #expect(before.pages > 4_000_000 / page && before.resident == before.pages)

        values.releaseUnusedPages()
        let after = residentPages(of: &values, from: 1_000 * stride, to: capacity * stride)
        #expect(after.pages == before.pages && after.resident == 0)
        #expect(values == (0..<1_000).map { UInt64($0) })
        #expect(values.capacity == capacity)

        // The room is still the array's: appended elements land in fresh pages and read back.
        values.append(contentsOf: (1_000..<500_000).map { UInt64($0) })
        #expect(values.capacity == capacity)
        #expect(values.elementsEqual((0..<500_000).lazy.map { UInt64($0) }))
    }

    @Test("less than a page of room, or none, changes nothing; an empty array gives up its buffer")
    func smallAndEmpty() {
        var small: [UInt64] = [1, 2, 3]
        small.reserveCapacity(16)
        let capacity = small.capacity
        small.releaseUnusedPages()
        #expect(small == [1, 2, 3] && small.capacity == capacity)

        var empty = [UInt64](repeating: 1, count: 1 << 20)
        empty.removeAll(keepingCapacity: true)
        empty.releaseUnusedPages()
        #expect(empty.isEmpty && empty.capacity == 0)
        empty.append(5)
        #expect(empty == [5])
    }

    @Test("a copy that shares the buffer keeps its elements")
    func sharedBuffer() {
        var values = Array(UInt64(0)..<UInt64(1 << 19))
        values.removeSubrange(10...)
        let copy = values
        values.releaseUnusedPages()
        #expect(copy == Array(UInt64(0)..<10) && values == copy)
    }
}
