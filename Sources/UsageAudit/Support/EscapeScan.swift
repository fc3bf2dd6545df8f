/// Tells whether text holds a byte that a report cell must escape, eight bytes at a time:
/// a word's bytes are compared at once with integer arithmetic, so text without any (the
/// common case: names, stamps, a finding's words) is appended whole after a pass of a few
/// instructions per eight bytes, instead of a switch per byte.
enum EscapeScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether `bytes` hold a byte that a JSON string escapes (`JSONValue.writeString`): a
    /// control character below 0x20, `"`, `\` or `<`.
    static func needsJSONEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes) { word in
            below(0x20, in: word) | equal(0x22, in: word) | equal(0x5C, in: word) | equal(0x3C, in: word)
        } byte: { byte in
            byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C
        }
    }

    /// Whether `bytes` hold a byte that a CSV cell quotes or replaces (`CSVRenderer`): a
    /// comma, `"`, LF, CR or NUL.
    static func needsCSVCare(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        scan(bytes) { word in
            equal(0x2C, in: word) | equal(0x22, in: word) | equal(0x0A, in: word) | equal(0x0D, in: word) | equal(0x00, in: word)
        } byte: { byte in
            byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D || byte == 0x00
        }
    }

    /// Whether a word of `bytes` makes `word` nonzero, or a byte of the last few (fewer than
    /// eight) makes `byte` true.
    @inline(__always)
    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> UInt64, byte: (UInt8) -> Bool
    ) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if word(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) != 0 { return true }
            offset += 8
        }
        while offset < bytes.count {
            if byte(base[offset]) { return true }
            offset += 1
        }
        return false
    }

    /// Nonzero exactly when a byte of `word` equals `value`: the zero-byte test on `word`
    /// with `value` cleared out of each byte. (Lanes above the first hit may be wrong; the
    /// answer is not.)
    @inline(__always)
    private static func equal(_ value: UInt8, in word: UInt64) -> UInt64 {
        below(1, in: word ^ (ones &* UInt64(value)))
    }

    /// Nonzero exactly when a byte of `word` is below `bound` (1…128): a byte below it
    /// borrows into its high bit when `bound` is subtracted from each byte, and a byte of
    /// 128 or more is excluded by its own high bit.
    @inline(__always)
    private static func below(_ bound: UInt8, in word: UInt64) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highs
    }
}
