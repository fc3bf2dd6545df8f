import Testing
@testable import UsageAudit

@Suite("SlotPacking")
struct SlotPackingTests {
    private func unpacked(_ bytes: [UInt8]) -> (slots: [(Int64, UsageCounts)], intact: Bool) {
        var slots: [(Int64, UsageCounts)] = []
        let intact = bytes.withUnsafeBytes { SlotPacking.unpack($0) { slots.append(($0, $1)) } }
        return (slots, intact)
    }

    private func slot(_ start: Int64, _ counts: UsageCounts) -> StoredSlot {
        StoredSlot(user: "u", scope: "all", start: start, counts: counts)
    }

    @Test("slots come back as packed, extreme and negative values included")
    func roundTrip() {
        let slots = [
            slot(1_700_000_000, UsageCounts(requests: 3, units: 3, rejected: 0, firstSeen: 1_700_000_010, lastSeen: 1_700_003_599)),
            slot(1_700_003_600, UsageCounts(requests: 0, units: -5, rejected: 7, firstSeen: 1_700_003_600, lastSeen: 1_700_003_600)),
            slot(-3600, UsageCounts(requests: .max, units: .min, rejected: 1, firstSeen: .max, lastSeen: .min)),
        ]
        var bytes: [UInt8] = []
        SlotPacking.pack(slots[...], into: &bytes)
        let (read, intact) = unpacked(bytes)
        #expect(intact)
        #expect(read.map(\.0) == slots.map(\.start))
        #expect(read.map(\.1) == slots.map(\.counts))
    }

    @Test("an hour of ordinary use takes a few bytes")
    func compact() {
        var bytes: [UInt8] = []
        SlotPacking.pack([slot(1_700_000_000, UsageCounts(requests: 12, units: 12, rejected: 0, firstSeen: 1_700_000_100, lastSeen: 1_700_003_000))][...], into: &bytes)
        let first = bytes.count
        SlotPacking.pack([
            slot(1_700_000_000, UsageCounts(requests: 12, units: 12, rejected: 0, firstSeen: 1_700_000_100, lastSeen: 1_700_003_000)),
            slot(1_700_003_600, UsageCounts(requests: 40, units: 40, rejected: 1, firstSeen: 1_700_003_601, lastSeen: 1_700_007_000)),
        ][...], into: &bytes)
        #expect(bytes.count - 2 * first <= 12, "the second hour took \(bytes.count - 2 * first) bytes")
    }

    @Test("bytes that end inside a slot or hold an over-long integer are damage")
    func damage() {
        var bytes: [UInt8] = []
        SlotPacking.pack([slot(7200, UsageCounts(requests: 1, units: 1, rejected: 0, firstSeen: 7200, lastSeen: 7300))][...], into: &bytes)
        #expect(unpacked(bytes).intact)
        #expect(!unpacked(Array(bytes.dropLast())).intact)
        #expect(!unpacked([0x80]).intact)
        #expect(!unpacked([UInt8](repeating: 0xFF, count: 11) + [0x01]).intact)
        // Ten bytes whose last holds more than the 64th bit.
        #expect(!unpacked([UInt8](repeating: 0xFF, count: 9) + [0x02]).intact)
        #expect(unpacked([]).intact && unpacked([]).slots.isEmpty)
    }
}
