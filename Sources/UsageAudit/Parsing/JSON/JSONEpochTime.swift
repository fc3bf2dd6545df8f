/// Reads epoch time written as a decimal number, choosing its unit by its size.
///
/// A number with at most 11 integer digits (below 10^11, i.e. before the year 5138) is
/// seconds; 12–14 digits are milliseconds, 15–17 microseconds and 18–19 nanoseconds
/// (1973 onwards in each unit). A fraction is allowed and dropped; exponents are not.
enum JSONEpochTime {
    /// Whether `bytes` is `-?[0-9]+(\.[0-9]+)?`.
    static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == ASCII.dash { index += 1 }
        let integerStart = index
        while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > integerStart else { return false }
        guard index < bytes.count else { return true }
        guard bytes[index] == JSONByte.dot else { return false }
        index += 1
        let fractionStart = index
        while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
        return index > fractionStart && index == bytes.count
    }

    /// The instant `bytes` names, in seconds since the epoch, or nil when it is not a
    /// decimal number or lies outside the years 0000–9999.
    static func seconds(
        _ bytes: UnsafeBufferPointer<UInt8>, parts: inout TimeParts, calendar: ZonedCalendar
    ) -> Int64? {
        guard isDecimal(bytes) else { return nil }
        var integerStart = bytes[0] == ASCII.dash ? 1 : 0
        var integerEnd = integerStart
        while integerEnd < bytes.count, ASCII.isDigit(bytes[integerEnd]) { integerEnd += 1 }
        while integerStart < integerEnd - 1, bytes[integerStart] == ASCII.zero { integerStart += 1 }
        var text = bytes
        let layout: TimeLayout
        switch integerEnd - integerStart {
        case ...11: layout = .epochSeconds
        case ...14: layout = .epochMilliseconds
        case ...17: layout = .epochMicroseconds
        case ...19:
            // Nanoseconds: the microseconds are the integer part without its last three digits.
            layout = .epochMicroseconds
            text = UnsafeBufferPointer(rebasing: bytes[0..<(integerEnd - 3)])
        default: return nil
        }
        parts.reset()
        guard layout.read(text, into: &parts) else { return nil }
        return parts.epochSeconds(in: calendar)
    }
}
