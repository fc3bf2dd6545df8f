/// The integers of the state store's packed values (`SlotPacking`, `DayPacking`): zigzag
/// LEB128, so that small numbers of either sign take one byte and any `Int64` round-trips.
enum PackedInteger {
    /// Appends `value` to `bytes`.
    @inline(__always)
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    /// The integer at `offset` (moved past it), or nil when the bytes end inside it or it is over-long.
    @inline(__always)
    static func read(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) -> Int64? {
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
