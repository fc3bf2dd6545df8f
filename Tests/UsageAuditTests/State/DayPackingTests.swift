import Testing
@testable import UsageAudit

@Suite("DayPacking")
struct DayPackingTests {
    private typealias Cell = (day: LocalDay, counts: UsageCounts)

    private func unpacked(_ bytes: [UInt8], block: LocalDay) -> (cells: [Cell], intact: Bool) {
        var cells: [Cell] = []
        let intact = bytes.withUnsafeBytes { DayPacking.unpack($0, block: block) { cells.append(($0, $1)) } }
        return (cells, intact)
    }

    private func packed(_ cells: [Cell]) -> [UInt8] {
        var bytes: [UInt8] = []
        DayPacking.pack(cells, into: &bytes)
        return bytes
    }

    @Test("a block starts on a multiple of 32 days, before 1970 too", arguments: [
        (0, 0), (31, 0), (32, 32), (20_439, 20_416), (-1, -32), (-32, -32), (-33, -64), (Int(Int32.min), Int(Int32.min)),
        (Int(Int32.max), Int(Int32.max) - 31),
    ])
    func blockStart(day: Int, start: Int) {
        #expect(DayPacking.blockStart(of: LocalDay(number: Int32(day))) == LocalDay(number: Int32(start)))
    }

    @Test("cells come back as packed, extreme and negative values included")
    func roundTrip() {
        let block = LocalDay(number: 20_416)
        let cells: [Cell] = [
            (LocalDay(number: 20_416), UsageCounts(requests: 3, units: 3, rejected: 0, firstSeen: 1_763_942_410, lastSeen: 1_763_999_999)),
            (LocalDay(number: 20_420), UsageCounts(requests: 0, units: -5, rejected: 7, firstSeen: 0, lastSeen: 0)),
            (LocalDay(number: 20_447), UsageCounts(requests: .max, units: .min, rejected: 1, firstSeen: .max, lastSeen: .min)),
        ]
        let (read, intact) = unpacked(packed(cells), block: block)
        #expect(intact)
        #expect(read.map(\.day) == cells.map(\.day))
        #expect(read.map(\.counts) == cells.map(\.counts))
    }

    @Test("a block before 1970 round-trips")
    func beforeTheEpoch() {
        let cells: [Cell] = [(LocalDay(number: -40), UsageCounts(requests: 1, units: 2, rejected: 0, firstSeen: -3_455_000, lastSeen: -3_454_000))]
        let (read, intact) = unpacked(packed(cells), block: LocalDay(number: -64))
        #expect(intact)
        #expect(read.map(\.day) == [LocalDay(number: -40)])
        #expect(read.map(\.counts) == cells.map(\.counts))
    }

    @Test("a day of ordinary use takes about a dozen bytes")
    func compact() {
        let day = LocalDay(number: 20_430)
        let first = Int64(day.number) * 86_400 + 3_600
        let bytes = packed([(day, UsageCounts(requests: 385, units: 385, rejected: 54, firstSeen: first, lastSeen: first + 80_000))])
        #expect(bytes.count <= 12)
    }

    @Test("nothing packs to nothing")
    func empty() {
        #expect(packed([]).isEmpty)
        #expect(unpacked([], block: LocalDay(number: 0)).intact)
    }

    @Test("bytes cut inside a cell, an over-long integer, a day out of order or past the block are damage", arguments: [
        ("cut", [UInt8]([0, 2, 2])),
        ("over-long", [UInt8](repeating: 0xFF, count: 11)),
        ("the same day twice", [UInt8]([2, 2, 2, 0, 0, 0, 2, 2, 2, 0, 0, 0])),
        ("a day before the one before", [UInt8]([4, 2, 2, 0, 0, 0, 2, 2, 2, 0, 0, 0])),
        ("day 32 of a 32-day block", [UInt8]([64, 2, 2, 0, 0, 0])),
        ("a negative day", [UInt8]([1, 2, 2, 0, 0, 0])),
    ])
    func damage(what: String, bytes: [UInt8]) {
        #expect(!unpacked(bytes, block: LocalDay(number: 0)).intact, "\(what)")
    }

    @Test("the cells before the damage were seen")
    func seenBeforeDamage() {
        let (cells, intact) = unpacked([0, 2, 4, 0, 0, 0, 2, 2], block: LocalDay(number: 64))
        #expect(!intact)
        #expect(cells.map(\.day) == [LocalDay(number: 64)])
        #expect(cells.map(\.counts.units) == [2])
    }
}
