/// A read position in the bytes of one timestamp, with the small readers that layouts
/// are made of.
///
/// Every reader checks bounds and either consumes what it matched or, on a mismatch,
/// returns nil/false; callers give up on the whole timestamp at the first mismatch, so a
/// partly advanced cursor is never reused.
struct TimeCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, or nil at the end.
    @inline(__always)
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `byte` if it comes next.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads exactly `count` decimal digits (at most 9).
    @inline(__always)
    mutating func digits(_ count: Int) -> Int? {
        guard count <= bytes.count - index else { return nil }
        var value = 0
        for _ in 0..<count {
            let byte = bytes[index]
            guard ASCII.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte &- ASCII.zero)
            index += 1
        }
        return value
    }

    /// Reads between `minimum` and `maximum` (at most 9) decimal digits, as many as there are;
    /// with `leadingSpace`, one space may stand in for a leading zero (`%e`: ` 5`).
    mutating func digits(minimum: Int, maximum: Int, leadingSpace: Bool) -> Int? {
        var value = 0
        var count = 0
        if leadingSpace, maximum > 1, index < bytes.count, bytes[index] == ASCII.space {
            index += 1
            count = 1
        }
        while count < maximum, index < bytes.count, ASCII.isDigit(bytes[index]) {
            value = value * 10 + Int(bytes[index] &- ASCII.zero)
            index += 1
            count += 1
        }
        // A lone padding space is not a number.
        guard count >= minimum, count > 0, ASCII.isDigit(bytes[index - 1]) else { return nil }
        return value
    }

    /// Skips the one or more decimal digits of a fraction of a second, which is dropped.
    /// - Returns: whether any digit is not 0, or nil when no digit comes next.
    mutating func skipFraction() -> Bool? {
        let start = index
        var nonZero = false
        while index < bytes.count, ASCII.isDigit(bytes[index]) {
            nonZero = nonZero || bytes[index] != ASCII.zero
            index += 1
        }
        return index > start ? nonZero : nil
    }

    /// Reads an optionally signed decimal integer of 1–18 digits.
    mutating func signedInteger() -> Int64? {
        let negative = skip(ASCII.dash)
        let start = index
        var value: Int64 = 0
        while index < bytes.count, ASCII.isDigit(bytes[index]) {
            guard index - start < 18 else { return nil }
            value = value * 10 + Int64(bytes[index] &- ASCII.zero)
            index += 1
        }
        guard index > start else { return nil }
        return negative ? -value : value
    }

    /// Reads a UTC offset: `Z`, `+HH`, `+HHMM` or `+HH:MM` (or `-`), in seconds east of UTC.
    mutating func utcOffset() -> Int? {
        guard let byte = peek else { return nil }
        if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard byte == UInt8(ascii: "+") || byte == ASCII.dash else { return nil }
        index += 1
        guard let hours = digits(2), hours <= 23 else { return nil }
        var minutes = 0
        if skip(ASCII.colon) {
            guard let value = digits(2) else { return nil }
            minutes = value
        } else if let next = peek, ASCII.isDigit(next) {
            guard let value = digits(2) else { return nil }
            minutes = value
        }
        guard minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return byte == ASCII.dash ? -seconds : seconds
    }

    /// Consumes `name` if the next bytes spell it, ignoring ASCII case.
    mutating func skipIgnoringCase(_ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard count <= bytes.count - index else { return false }
        let start = name.utf8Start
        for offset in 0..<count where ASCII.lowercased(bytes[index + offset]) != ASCII.lowercased(start[offset]) {
            return false
        }
        index += count
        return true
    }
}
