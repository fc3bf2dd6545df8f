/// The hourly slots of one user and scope packed into one value, as the SQLite store keeps
/// them (schema 3): one row per user and scope instead of one per hour, which makes a
/// run's commit write a tenth of the rows.
///
/// Each slot, in order of its start, is six integers (`PackedInteger`): its start minus the
/// previous slot's start (the first slot's start as is), requests, units, rejected, and the
/// first and last request times minus the start. Counts of one hour take a few bytes.
public enum SlotPacking {
    /// Appends `slots` (of one user and scope, in order of their start) to `bytes`.
    public static func pack(_ slots: ArraySlice<StoredSlot>, into bytes: inout [UInt8]) {
        var previous: Int64 = 0
        for slot in slots {
            append(start: slot.start, counts: slot.counts, after: previous, to: &bytes)
            previous = slot.start
        }
    }

    /// Appends one slot that follows a slot starting at `previous` (0 for the first) to the
    /// packed `bytes`: `pack` one slot at a time.
    @inline(__always)
    public static func append(start: Int64, counts: UsageCounts, after previous: Int64, to bytes: inout [UInt8]) {
        PackedInteger.append(start &- previous, to: &bytes)
        PackedInteger.append(counts.requests, to: &bytes)
        PackedInteger.append(counts.units, to: &bytes)
        PackedInteger.append(counts.rejected, to: &bytes)
        PackedInteger.append(counts.firstSeen &- start, to: &bytes)
        PackedInteger.append(counts.lastSeen &- start, to: &bytes)
    }

    /// Calls `body` with each slot's start and counts in `bytes`.
    /// - Returns: false when `bytes` end inside a slot or hold an over-long integer (a
    ///   damaged store); `body` has then seen the slots before the damage.
    public static func unpack(_ bytes: UnsafeRawBufferPointer, _ body: (Int64, UsageCounts) -> Void) -> Bool {
        var offset = 0
        var start: Int64 = 0
        while offset < bytes.count {
            guard let delta = PackedInteger.read(bytes, at: &offset), let requests = PackedInteger.read(bytes, at: &offset),
                  let units = PackedInteger.read(bytes, at: &offset), let rejected = PackedInteger.read(bytes, at: &offset),
                  let first = PackedInteger.read(bytes, at: &offset), let last = PackedInteger.read(bytes, at: &offset)
            else { return false }
            start = start &+ delta
            body(start, UsageCounts(
                requests: requests, units: units, rejected: rejected, firstSeen: start &+ first, lastSeen: start &+ last))
        }
        return true
    }
}
