/// English month and weekday names as logs write them (`Oct`, `October`, `Tue`, `Tuesday`),
/// matched without regard to ASCII case.
enum TimeNames {
    /// Reads a month name, abbreviated or full, and returns its number (1–12).
    static func readMonth(_ cursor: inout TimeCursor) -> Int? {
        guard let month = monthNumber(cursor) else { return nil }
        cursor.index += 3
        if let next = cursor.peek, isLetter(next) {
            _ = cursor.skipIgnoringCase(monthSuffixes[month - 1])
        }
        return month
    }

    /// Skips a weekday name, abbreviated or full; false when none comes next.
    static func skipWeekday(_ cursor: inout TimeCursor) -> Bool {
        guard cursor.bytes.count - cursor.index >= 3 else { return false }
        let key = lowercasedKey(cursor)
        guard let weekday = weekdayKeys.firstIndex(of: key) else { return false }
        cursor.index += 3
        if let next = cursor.peek, isLetter(next) {
            _ = cursor.skipIgnoringCase(weekdaySuffixes[weekday])
        }
        return true
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = ASCII.lowercased(byte)
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// The month whose three-letter abbreviation comes next, without consuming it.
    @inline(__always)
    private static func monthNumber(_ cursor: TimeCursor) -> Int? {
        guard cursor.bytes.count - cursor.index >= 3 else { return nil }
        switch lowercasedKey(cursor) {
        case key("jan"): return 1
        case key("feb"): return 2
        case key("mar"): return 3
        case key("apr"): return 4
        case key("may"): return 5
        case key("jun"): return 6
        case key("jul"): return 7
        case key("aug"): return 8
        case key("sep"): return 9
        case key("oct"): return 10
        case key("nov"): return 11
        case key("dec"): return 12
        default: return nil
        }
    }

    /// The next three bytes, lower-cased and packed into one integer.
    @inline(__always)
    private static func lowercasedKey(_ cursor: TimeCursor) -> UInt32 {
        let bytes = cursor.bytes
        let index = cursor.index
        return UInt32(ASCII.lowercased(bytes[index])) << 16
            | UInt32(ASCII.lowercased(bytes[index + 1])) << 8
            | UInt32(ASCII.lowercased(bytes[index + 2]))
    }

    /// Packs a three-letter lower-case name the way `lowercasedKey` does.
    @inline(__always)
    private static func key(_ name: StaticString) -> UInt32 {
        let start = name.utf8Start
        return UInt32(start[0]) << 16 | UInt32(start[1]) << 8 | UInt32(start[2])
    }

    private static let monthSuffixes: [StaticString] = [
        "uary", "ruary", "ch", "il", "", "e", "y", "ust", "tember", "ober", "ember", "ember",
    ]

    private static let weekdayKeys: [UInt32] = [
        key("mon"), key("tue"), key("wed"), key("thu"), key("fri"), key("sat"), key("sun"),
    ]

    private static let weekdaySuffixes: [StaticString] = [
        "day", "sday", "nesday", "rsday", "day", "urday", "day",
    ]
}
