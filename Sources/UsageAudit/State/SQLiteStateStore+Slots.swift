import GRDB

extension SQLiteStateStore {
    /// Writes `slots` to the packed hourly table `table`: one row per user and scope.
    /// Slots of one user and scope that are not next to each other are brought together first.
    static func insertPacked(_ slots: [StoredSlot], into table: String = "audit_hourly_usage", database: Database) throws {
        let ordered = isGrouped(slots) ? slots : slots.sorted {
            ($0.user.utf8.lexicographicallyPrecedes($1.user.utf8))
                || ($0.user == $1.user && ($0.scope.utf8.lexicographicallyPrecedes($1.scope.utf8)
                    || ($0.scope == $1.scope && $0.start < $1.start)))
        }
        let insert = try SQLiteRowWriter(database: database, sql: StateSchema.insertPackedSlots(into: table))
        var packed: [UInt8] = []
        packed.reserveCapacity(4096)
        var groupStart = ordered.startIndex
        while groupStart < ordered.endIndex {
            let first = ordered[groupStart]
            var groupEnd = groupStart + 1
            while groupEnd < ordered.endIndex, ordered[groupEnd].user == first.user, ordered[groupEnd].scope == first.scope {
                groupEnd += 1
            }
            packed.removeAll(keepingCapacity: true)
            SlotPacking.pack(ordered[groupStart..<groupEnd], into: &packed)
            try insert.insert(texts: (first.user, first.scope), blob: packed)
            groupStart = groupEnd
        }
    }

    /// Whether every user and scope's slots are next to each other (as `storedSlots` writes
    /// them): each change of user or scope moves on in byte order.
    private static func isGrouped(_ slots: [StoredSlot]) -> Bool {
        var index = slots.startIndex + 1
        while index < slots.endIndex {
            let (previous, slot) = (slots[index - 1], slots[index])
            if previous.user != slot.user || previous.scope != slot.scope {
                let moves = previous.user.utf8.lexicographicallyPrecedes(slot.user.utf8)
                    || (previous.user == slot.user && previous.scope.utf8.lexicographicallyPrecedes(slot.scope.utf8))
                if !moves { return false }
            }
            index += 1
        }
        return true
    }

    /// Every slot of the packed hourly table.
    /// - Throws: `StateError.unavailable` for a packed value that does not decode.
    func packedSlots(_ database: Database) throws -> [StoredSlot] {
        var slots: [StoredSlot] = []
        let rows = try Row.fetchCursor(database, sql: "SELECT user_name, scope, slots FROM audit_hourly_usage")
        while let row = try rows.next() {
            let user: String = row[0]
            let scope: String = row[1]
            guard let data = row.dataNoCopy(atIndex: 2) else { continue }
            let intact = data.withUnsafeBytes { bytes in
                SlotPacking.unpack(bytes) { start, counts in
                    slots.append(StoredSlot(user: user, scope: scope, start: start, counts: counts))
                }
            }
            guard intact else {
                throw StateError.unavailable(
                    store: path, reason: "the hourly use of \(user) (\(scope)) in audit_hourly_usage is damaged; deleting that row loses only its hourly detail of the last two days")
            }
        }
        return slots
    }

    /// Schema 2 → 3: the hourly rows packed into one row per user and scope.
    static func packHourlyRows(_ database: Database) throws {
        let slots = try Row.fetchAll(database, sql: """
            SELECT user_name, scope, slot_start, requests, units, rejected, first_seen, last_seen
            FROM audit_hourly_usage ORDER BY user_name, scope, slot_start
            """).map { row in
            StoredSlot(
                user: row[0], scope: row[1], start: row[2],
                counts: UsageCounts(requests: row[3], units: row[4], rejected: row[5], firstSeen: row[6], lastSeen: row[7]))
        }
        try database.execute(sql: StateSchema.packedHourlyTable(named: "audit_hourly_usage_v3"))
        try insertPacked(slots, into: "audit_hourly_usage_v3", database: database)
        try database.execute(sql: "DROP TABLE audit_hourly_usage")
        try database.execute(sql: "ALTER TABLE audit_hourly_usage_v3 RENAME TO audit_hourly_usage")
    }
}
