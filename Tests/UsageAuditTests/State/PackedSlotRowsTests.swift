import Testing
@testable import UsageAudit

@Suite("PackedSlotRows: a store's hourly slots held packed")
struct PackedSlotRowsTests {
    private func counts(_ units: Int64, at time: Int64) -> UsageCounts {
        UsageCounts(requests: units, units: units, rejected: 1, firstSeen: time, lastSeen: time + 59)
    }

    /// Appends `slots` (one user and scope) as a store's packed row.
    private func appendRow(_ slots: [StoredSlot], user: [UInt8], scope: String, to rows: inout PackedSlotRows) -> Bool {
        var bytes: [UInt8] = []
        SlotPacking.pack(slots[...], into: &bytes)
        return user.withUnsafeBufferPointer { userBytes in
            Array(scope.utf8).withUnsafeBufferPointer { scopeBytes in
                bytes.withUnsafeBytes { rows.append(user: userBytes, scope: scopeBytes, packed: $0) }
            }
        }
    }

    @Test("packed rows and single slots come back as given, in order, counted")
    func roundTrip() {
        var rows = PackedSlotRows()
        let ann = [
            StoredSlot(user: "ann", scope: "geocoding", start: 7200, counts: counts(3, at: 7210)),
            StoredSlot(user: "ann", scope: "geocoding", start: 10_800, counts: counts(5, at: 10_900)),
        ]
        #expect(appendRow(ann, user: Array("ann".utf8), scope: "geocoding", to: &rows))
        let bob = StoredSlot(user: "bob", scope: "routing", start: -3600, counts: UsageCounts(requests: .max, units: .min, rejected: 0, firstSeen: .max, lastSeen: .min))
        rows.append(bob)
        let annAgain = StoredSlot(user: "ann", scope: "routing", start: 3600, counts: counts(1, at: 3600))
        rows.append(annAgain)
        #expect(rows.slots == ann + [bob, annAgain])
        #expect(rows.count == 4 && rows.rows.count == 3)
        // Each name once.
        #expect(rows.users.count == 2 && rows.scopes.count == 2)
    }

    @Test("bytes that do not unpack are refused and add nothing; an empty row adds nothing")
    func damaged() {
        var rows = PackedSlotRows()
        var bytes: [UInt8] = []
        SlotPacking.pack([StoredSlot(user: "ann", scope: "all", start: 3600, counts: counts(2, at: 3600))][...], into: &bytes)
        let cut = Array(bytes.dropLast())
        let refused = Array("ann".utf8).withUnsafeBufferPointer { user in
            Array("all".utf8).withUnsafeBufferPointer { scope in
                cut.withUnsafeBytes { rows.append(user: user, scope: scope, packed: $0) }
            }
        }
        #expect(!refused)
        #expect(appendRow([], user: Array("bob".utf8), scope: "all", to: &rows))
        #expect(rows.isEmpty && rows.count == 0 && rows.slots.isEmpty)
    }

    @Test("a user's name is kept as its bytes: two spellings are two users")
    func namesByBytes() {
        var rows = PackedSlotRows()
        let composed = Array("Jos\u{E9}".utf8)
        let decomposed = Array("Jose\u{301}".utf8)
        let slot = StoredSlot(user: "", scope: "all", start: 0, counts: counts(1, at: 0))
        #expect(appendRow([slot], user: composed, scope: "all", to: &rows))
        #expect(appendRow([slot], user: decomposed, scope: "all", to: &rows))
        #expect(rows.users.count == 2)
        #expect(rows.slots.map { Array($0.user.utf8) } == [composed, decomposed])
    }
}
