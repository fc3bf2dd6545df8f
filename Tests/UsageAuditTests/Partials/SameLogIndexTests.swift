import Testing
@testable import UsageAudit

/// Which content records are of the same log.
@Suite("SameLogIndex")
struct SameLogIndexTests {
    private func record(_ head: String, length: Int, line: String, name: String) -> CountedInput {
        CountedInput(
            headLength: length, headDigest: head, lineDigest: line, length: Int64(length), checksum: 0, name: name, lines: 1,
            first: nil, last: nil, days: [], countedAt: 0)
    }

    @Test("the same head is the same log, the first record of it answers")
    func sameHead() {
        let index = SameLogIndex([record("h1", length: 65_536, line: "l1", name: "a"), record("h1", length: 65_536, line: "l1", name: "b")])
        #expect(index.match(record("h1", length: 65_536, line: "other", name: "c")) == 0)
        #expect(index.match(record("h1", length: 100, line: "other", name: "c")) == nil)
    }

    @Test("a first line shared with a record shorter than a head is the same log, though a longer record of that line comes after it")
    func sharedFirstLine() {
        let capacity = ContentDigest.headCapacity
        let index = SameLogIndex([record("short", length: 100, line: "l", name: "a"), record("long", length: capacity, line: "l", name: "b")])
        #expect(index.match(record("other", length: capacity, line: "l", name: "c")) == 0)
        // Two logs longer than a head that only share a first line are two logs.
        let long = SameLogIndex([record("long", length: capacity, line: "l", name: "b")])
        #expect(long.match(record("other", length: capacity, line: "l", name: "c")) == nil)
    }

    @Test("an empty or empty-line first line tells nothing")
    func emptyFirstLine() {
        let empty = ContentDigest.headDigest(of: [UInt8]())
        let index = SameLogIndex([record("a", length: 10, line: empty, name: "a"), record("b", length: 10, line: "", name: "b")])
        #expect(index.match(record("c", length: 10, line: empty, name: "c")) == nil)
        #expect(index.match(record("d", length: 10, line: "", name: "d")) == nil)
    }
}
