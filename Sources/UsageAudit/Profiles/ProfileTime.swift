import Foundation

/// Reads the dates and times that quota stores write: `2026-11-21`, RFC 3339 times
/// (`2026-11-21T06:00:00Z`, `…+01:00`, a space for the `T`, fractions of a second), and the
/// naive times SQLite holds for Django (`2026-11-21 06:00:00.123456`).
enum ProfileTime {
    /// The day written as `YYYY-MM-DD` (exactly), or nil.
    static func date(_ text: String) -> LocalDay? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == ASCII.dash, bytes[7] == ASCII.dash else { return nil }
        guard let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]) else {
            return nil
        }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? LocalDay(date) : nil
    }

    /// The day at the start of `text` (`2026-12-14`, `2026-12-14T00:00:00Z`,
    /// `2026-12-14 00:00:00 UTC`) as written, with no zone conversion; nil when it does not
    /// start with a valid `YYYY-MM-DD` followed by nothing, `T` or a space.
    static func writtenDate(_ text: String) -> LocalDay? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let prefix = String(trimmed.prefix(10))
        guard let day = date(prefix) else { return nil }
        let rest = trimmed.dropFirst(10)
        guard rest.isEmpty || rest.hasPrefix("T") || rest.hasPrefix("t") || rest.hasPrefix(" ") else { return nil }
        return day
    }

    /// The instant an RFC 3339 time names, in epoch seconds; a time without an offset is
    /// read in `naiveTimeZone`. Nil when `text` is not such a time.
    static func instant(_ text: String, naiveTimeZone: TimeZone) -> Int64? {
        var copy = text.trimmingCharacters(in: .whitespaces)
        return copy.withUTF8 { bytes -> Int64? in
            var parts = TimeParts()
            guard TimeLayout.iso8601.read(bytes, into: &parts) else { return nil }
            return parts.epochSeconds(in: ZonedCalendar(timeZone: naiveTimeZone))
        }
    }

    /// The value of two or four ASCII digits.
    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard ASCII.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - ASCII.zero)
        }
        return value
    }
}
