/// Decodes the body of a JSON string (the bytes between its quotes) to UTF-8.
enum JSONStringDecoder {
    /// Writes the unescaped form of `source` to the start of `target`.
    ///
    /// Handles `\" \\ \/ \b \f \n \r \t` and `\uXXXX`, joining surrogate pairs into one
    /// code point; a lone surrogate becomes U+FFFD. Other bytes are copied unchanged (so
    /// raw UTF-8 passes through). The output is never longer than `source`.
    /// - Returns: the number of bytes written, or nil for an unknown or short escape, or
    ///   when `target` is too small.
    static func unescape(_ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var writer = Writer(target: target)
        var index = 0
        while index < source.count {
            let byte = source[index]
            guard byte == ASCII.backslash else {
                guard writer.append(byte) else { return nil }
                index += 1
                continue
            }
            guard index + 1 < source.count else { return nil }
            let escape = source[index + 1]
            if escape == JSONByte.lowerU {
                guard let (scalar, length) = unicodeEscape(source, at: index) else { return nil }
                guard writer.appendUTF8(scalar) else { return nil }
                index += length
                continue
            }
            guard let decoded = simpleEscape(escape), writer.append(decoded) else { return nil }
            index += 2
        }
        return writer.count
    }

    /// The byte a one-letter escape stands for.
    private static func simpleEscape(_ letter: UInt8) -> UInt8? {
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash: return letter
        case 0x62: return 0x08  // b
        case 0x66: return 0x0C  // f
        case 0x6E: return JSONByte.lineFeed  // n
        case 0x72: return JSONByte.carriageReturn  // r
        case 0x74: return ASCII.tab  // t
        default: return nil
        }
    }

    /// The code point of the `\uXXXX` escape at `index` (joined with a following low
    /// surrogate escape when it is a high surrogate) and how many bytes it spans.
    private static func unicodeEscape(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        guard let unit = hexQuad(source, at: index + 2) else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            if index + 7 < source.count, source[index + 6] == ASCII.backslash, source[index + 7] == JSONByte.lowerU,
                let low = hexQuad(source, at: index + 8), (0xDC00...0xDFFF).contains(low)
            {
                return (0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), 12)
            }
            return (0xFFFD, 6)
        case 0xDC00...0xDFFF:
            return (0xFFFD, 6)
        default:
            return (unit, 6)
        }
    }

    /// The value of the four hex digits at `index`, or nil.
    private static func hexQuad(_ source: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index >= 0, index + 4 <= source.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = source[index + offset]
            let digit: UInt8
            switch byte {
            case ASCII.zero...(ASCII.zero + 9): digit = byte - ASCII.zero
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Appends bytes to a buffer, refusing to run past its end.
    private struct Writer {
        let target: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        init(target: UnsafeMutableBufferPointer<UInt8>) {
            self.target = target
        }

        @inline(__always)
        mutating func append(_ byte: UInt8) -> Bool {
            guard count < target.count else { return false }
            target[count] = byte
            count += 1
            return true
        }

        /// Appends `scalar` (at most U+10FFFF) encoded as UTF-8.
        mutating func appendUTF8(_ scalar: UInt32) -> Bool {
            switch scalar {
            case 0..<0x80:
                return append(UInt8(scalar))
            case 0x80..<0x800:
                return append(UInt8(0xC0 | scalar >> 6)) && append(UInt8(0x80 | scalar & 0x3F))
            case 0x800..<0x10000:
                return append(UInt8(0xE0 | scalar >> 12)) && append(UInt8(0x80 | scalar >> 6 & 0x3F))
                    && append(UInt8(0x80 | scalar & 0x3F))
            default:
                return append(UInt8(0xF0 | scalar >> 18)) && append(UInt8(0x80 | scalar >> 12 & 0x3F))
                    && append(UInt8(0x80 | scalar >> 6 & 0x3F)) && append(UInt8(0x80 | scalar & 0x3F))
            }
        }
    }
}
