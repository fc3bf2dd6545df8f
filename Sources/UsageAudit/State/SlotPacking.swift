/// The hourly slots of one user and scope packed into one value, as the SQLite store keeps
/// them (schema 3): one row per user and scope instead of one per hour, which makes a
/// run's commit write a tenth of the rows.
///
/// Each slot, in order of its start, is six zigzag LEB128 integers: its start minus the
/// previous slot's start (the first slot's start as is), requests, units, rejected, and the
/// first and last request times minus the start. Counts of one hour take a few bytes.
public enum SlotPacking {
    /// Appends `slots` (of one user and scope, in order of their start) to `bytes`.
    public static func pack(_ slots: ArraySlice<StoredSlot>, into bytes: inout [UInt8]) {
        var previous: Int64 = 0
        for slot in slots {
            appendInteger(slot.start &- previous, to: &bytes)
            appendInteger(slot.counts.requests, to: &bytes)
            appendInteger(slot.counts.units, to: &bytes)
            appendInteger(slot.counts.rejected, to: &bytes)
            appendInteger(slot.counts.firstSeen &- slot.start, to: &bytes)
            appendInteger(slot.counts.lastSeen &- slot.start, to: &bytes)
            previous = slot.start
        }
    }

    /// Calls `body` with each slot's start and counts in `bytes`.
    /// - Returns: false when `bytes` end inside a slot or hold an over-long integer (a
    ///   damaged store); `body` has then seen the slots before the damage.
    public static func unpack(_ bytes: UnsafeRawBufferPointer, _ body: (Int64, UsageCounts) -> Void) -> Bool {
        var offset = 0
        var start: Int64 = 0
        while offset < bytes.count {
            guard let delta = readInteger(bytes, at: &offset), let requests = readInteger(bytes, at: &offset),
                  let units = readInteger(bytes, at: &offset), let rejected = readInteger(bytes, at: &offset),
                  let first = readInteger(bytes, at: &offset), let last = readInteger(bytes, at: &offset)
            else { return false }
            start = start &+ delta
            body(start, UsageCounts(
                requests: requests, units: units, rejected: rejected, firstSeen: start &+ first, lastSeen: start &+ last))
        }
        return true
    }

    @inline(__always)
    private static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    /// The integer at `offset` (moved past it), or nil when the bytes end inside it or it is over-long.
    @inline(__always)
    private static func readInteger(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Int64? {
        var zigzag: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            // The tenth byte holds the 64th bit alone: anything more does not fit.
            if shift == 63, byte > 1 { return nil }
            zigzag |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
            }
            shift += 7
        }
        return nil
    }
}
