/// Byte-level helpers for ASCII text on the hot path.
public enum ASCII {
    public static let space: UInt8 = 0x20
    public static let tab: UInt8 = 0x09
    public static let quote: UInt8 = 0x22
    public static let backslash: UInt8 = 0x5C
    public static let questionMark: UInt8 = 0x3F
    public static let slash: UInt8 = 0x2F
    public static let percent: UInt8 = 0x25
    public static let dot: UInt8 = 0x2E
    public static let colon: UInt8 = 0x3A
    public static let dash: UInt8 = 0x2D
    public static let zero: UInt8 = 0x30

    @inline(__always)
    public static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    @inline(__always)
    public static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// The non-negative decimal integer in `bytes`, or nil if empty, not all digits, or
    /// larger than `Int64.max`.
    @inline(__always)
    public static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else {
            return bytes.count > 18 ? parseLongInteger(bytes) : nil
        }
        var value: Int64 = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int64(byte &- zero)
        }
        return value
    }

    private static func parseLongInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int64(byte &- zero))
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    /// Whether `bytes` equals the ASCII text `literal` (case-sensitive).
    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let other = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return bytes.elementsEqual(other)
    }

    /// Whether `bytes` is empty or the single byte `-` (how access logs write "no value").
    @inline(__always)
    public static func isAbsent(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty || (bytes.count == 1 && bytes[0] == dash)
    }
}
