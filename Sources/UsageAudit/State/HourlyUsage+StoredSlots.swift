extension HourlyUsage {
    /// The complete slots (inside `coverage`) as the state store keeps them.
    /// - Parameter scopeNames: `AuditConfiguration.scopeNames` (slot scope indexes point into it).
    public func storedSlots(scopeNames: [String]) -> [StoredSlot] {
        var result: [StoredSlot] = []
        result.reserveCapacity(slots.keys.count)
        forEachStoredSlot(scopeNames: scopeNames) { result.append($0) }
        return result
    }

    /// Calls `body` with each slot of `storedSlots(scopeNames:)`, in the same order (by
    /// user, scope name and start), holding none of them.
    public func forEachStoredSlot(scopeNames: [String], _ body: (StoredSlot) throws -> Void) rethrows {
        guard let coverage else { return }
        // Sorted by user, scope name and start without comparing strings per pair: users by
        // the rank of their bytes, scopes by the rank of their names.
        let userRank = users.ranksByBytes()
        let keys = slots.keys
        let counts = slots.counts
        // Scope indexes are small: names and ranks in arrays, not looked up per slot.
        let scopeCount = Int(keys.lazy.map(\.scope).max() ?? 0) + 1
        let names = (0..<scopeCount).map { $0 < scopeNames.count ? scopeNames[$0] : AuditConfiguration.otherScope }
        var scopeRank = [Int](repeating: 0, count: scopeCount)
        for (rank, scope) in names.indices.sorted(by: { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }).enumerated() {
            scopeRank[scope] = rank
        }
        let groups = RankGrouping(count: keys.count, ranks: userRank.count) { Int(userRank[Int(keys[$0].user)]) }
        var userSlots: [(scope: Int, start: Int64, index: Int32)] = []
        // The table is in hash order: a user's slots are scattered. Their keys are fetched
        // one user ahead and their counts while the keys are read, so that the lookups
        // overlap (this loop's own time fell by about half).
        if groups.rankCount > 0 {
            for index in groups.items(ofRank: 0) { keys.prefetch(at: Int(index)) }
        }
        for position in 0..<groups.rankCount {
            let group = groups.items(ofRank: position)
            if position + 1 < groups.rankCount {
                for index in groups.items(ofRank: position + 1) { keys.prefetch(at: Int(index)) }
            }
            guard let first = group.first else { continue }
            userSlots.removeAll(keepingCapacity: true)
            for index in group {
                counts.prefetch(at: Int(index))
                let key = keys[Int(index)]
                let start = key.slot * Self.slotSeconds + phase
                guard start >= coverage.lowerBound, start < coverage.upperBound else { continue }
                userSlots.append((scopeRank[Int(key.scope)], start, index))
            }
            userSlots.sort { ($0.scope, $0.start) < ($1.scope, $1.start) }
            let user = users.string(for: keys[Int(first)].user)
            for entry in userSlots {
                let key = keys[Int(entry.index)]
                try body(StoredSlot(user: user, scope: names[Int(key.scope)], start: entry.start, counts: counts[Int(entry.index)]))
            }
        }
    }

    /// Adds a slot read back from the state store (at the hour of its last request, which
    /// also moves `latest` to the true latest request time).
    public mutating func restore(_ slot: StoredSlot, scope: Int) {
        add(slot.counts, user: slot.user, scope: scope, time: slot.counts.lastSeen)
    }

    /// Adds every slot `history` holds as `restore(_:scope:)` does, unpacked one at a time
    /// (never held as values), each user's name interned once. A slot of a scope named in
    /// `scopeIndex` gets that scope; the others are left out. Returns the latest last request
    /// time of the slots not left out, nil when there is none.
    mutating func restore(_ history: StoredHistory, scopeIndex: [String: Int]) -> Int64? {
        let packed = history.packedSlots
        let scopes = (0..<Int32(packed.scopes.count)).map { scopeIndex[packed.scopes.string(for: $0)] }
        // This table's id of each stored user, -1 until the user's first slot.
        var userIDs = [Int32](repeating: -1, count: packed.users.count)
        var latest: Int64?
        packed.forEachRow { row, slots in
            guard let scope = scopes[Int(row.scope)] else { return }
            if userIDs[Int(row.user)] < 0 { userIDs[Int(row.user)] = packed.users.withBytes(of: row.user) { intern(user: $0) } }
            let user = userIDs[Int(row.user)]
            _ = SlotPacking.unpack(slots) { _, counts in
                add(counts, userID: user, scope: scope, time: counts.lastSeen)
                latest = max(latest ?? counts.lastSeen, counts.lastSeen)
            }
        }
        return latest
    }
}
