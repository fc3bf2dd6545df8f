extension HourlyUsage {
    /// The complete slots (inside `coverage`) as the state store keeps them.
    /// - Parameter scopeNames: `AuditConfiguration.scopeNames` (slot scope indexes point into it).
    public func storedSlots(scopeNames: [String]) -> [StoredSlot] {
        guard let coverage else { return [] }
        var result: [StoredSlot] = []
        result.reserveCapacity(slots.count)
        for (key, counts) in slots {
            let start = key.slot * Self.slotSeconds + phase
            guard start >= coverage.lowerBound, start < coverage.upperBound else { continue }
            let scope = Int(key.scope) < scopeNames.count ? scopeNames[Int(key.scope)] : AuditConfiguration.otherScope
            result.append(StoredSlot(user: users.string(for: key.user), scope: scope, start: start, counts: counts))
        }
        return result.sorted { ($0.user, $0.scope, $0.start) < ($1.user, $1.scope, $1.start) }
    }

    /// Adds a slot read back from the state store (at the hour of its last request, which
    /// also moves `latest` to the true latest request time).
    public mutating func restore(_ slot: StoredSlot, scope: Int) {
        add(slot.counts, user: slot.user, scope: scope, time: slot.counts.lastSeen)
    }
}
