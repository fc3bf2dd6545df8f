/// One step of a compiled strftime pattern: a literal byte or one directive's reader.
enum TimeStep: Hashable, Sendable {
    /// The numeric pieces a directive can write.
    enum Field: Hashable, Sendable {
        case year, twoDigitYear, month, day, dayOfYear, hour, hour12, minute, second
        /// `%u` / `%w`: read and ignored (the date says which weekday it is).
        case weekdayNumber
    }

    /// Exactly this byte.
    case literal(UInt8)
    /// A decimal number of `digits` digits; `leadingSpace` lets a space pad it (`%e`).
    case number(Field, digits: ClosedRange<Int>, leadingSpace: Bool)
    /// `%b` `%h` `%B`: an English month name, abbreviated or full.
    case monthName
    /// `%a` `%A`: an English weekday name, skipped.
    case weekdayName
    /// `%p`: `AM` or `PM`.
    case meridiem
    /// `%z`: `+0200`, `+02:00`, `Z`.
    case offset
    /// `%Z`: `UTC`, `GMT` or `Z` (offset 0). When the pattern also has `%z`, which gives
    /// the offset, any alphabetic zone abbreviation (`CET`) is skipped instead.
    case zoneName(skipsOtherNames: Bool)
    /// `%s`: seconds since the epoch.
    case epochSeconds
    /// Apache `msec_frac` / `usec_frac`: digits of a fraction of a second, dropped.
    case fraction(digits: Int)

    /// Reads this step at `cursor`; false on a mismatch.
    @inline(__always)
    func read(_ cursor: inout TimeCursor, into parts: inout TimeParts) -> Bool {
        switch self {
        case .literal(let byte):
            return cursor.skip(byte)
        case .number(let field, let digits, let leadingSpace):
            let value: Int?
            if digits.lowerBound == digits.upperBound && !leadingSpace {
                value = cursor.digits(digits.lowerBound)
            } else {
                value = cursor.digits(minimum: digits.lowerBound, maximum: digits.upperBound, leadingSpace: leadingSpace)
            }
            guard let value else { return false }
            TimeStep.store(value, as: field, in: &parts)
            return true
        case .monthName:
            guard let month = TimeNames.readMonth(&cursor) else { return false }
            parts.month = month
            return true
        case .weekdayName:
            return TimeNames.skipWeekday(&cursor)
        case .meridiem:
            if cursor.skipIgnoringCase("AM") {
                parts.isPM = false
            } else if cursor.skipIgnoringCase("PM") {
                parts.isPM = true
            } else {
                return false
            }
            return true
        case .offset:
            guard let offset = cursor.utcOffset() else { return false }
            parts.utcOffset = offset
            return true
        case .zoneName(let skipsOtherNames):
            return TimeStep.readZoneName(&cursor, skipsOtherNames: skipsOtherNames, into: &parts)
        case .epochSeconds:
            guard let seconds = cursor.signedInteger() else { return false }
            parts.absoluteSeconds = seconds
            return true
        case .fraction(let digits):
            return cursor.digits(digits) != nil
        }
    }

    @inline(__always)
    private static func store(_ value: Int, as field: Field, in parts: inout TimeParts) {
        switch field {
        case .year: parts.year = value
        case .twoDigitYear: parts.year = value >= 69 ? 1900 + value : 2000 + value
        case .month: parts.month = value
        case .day: parts.day = value
        case .dayOfYear: parts.dayOfYear = value
        case .hour: parts.hour = value
        case .hour12: parts.hour12 = value
        case .minute: parts.minute = value
        case .second: parts.second = value
        case .weekdayNumber: break
        }
    }

    private static func readZoneName(_ cursor: inout TimeCursor, skipsOtherNames: Bool, into parts: inout TimeParts) -> Bool {
        if cursor.skipIgnoringCase("UTC") || cursor.skipIgnoringCase("GMT") || cursor.skip(UInt8(ascii: "Z")) {
            if cursor.isAtEnd || !isLetter(cursor.peek ?? 0) {
                parts.utcOffset = parts.utcOffset ?? 0
                return true
            }
        }
        let start = cursor.index
        while let byte = cursor.peek, isLetter(byte) { cursor.index += 1 }
        // With %z beside it the name only needs skipping; alone it must give the offset.
        if skipsOtherNames { return cursor.index > start }
        guard let offset = ZoneAbbreviations.offset(of: cursor.bytes[start..<cursor.index]) else { return false }
        parts.utcOffset = parts.utcOffset ?? offset
        return true
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = ASCII.lowercased(byte)
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }
}
