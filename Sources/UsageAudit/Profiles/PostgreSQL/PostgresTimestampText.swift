/// RFC 3339 text for PostgreSQL's binary `timestamptz`, `timestamp` and `date` values.
///
/// PostgreSQL sends timestamps as microseconds and dates as days since 2000-01-01 (UTC for
/// `timestamptz`, wall-clock time for `timestamp`). The text is exact to the microsecond:
/// `2026-11-20T09:30:00Z`, `2026-11-20T09:30:00.25Z`. A `timestamp` without time zone has no
/// offset (`2026-11-20T09:30:00`): it is a local time, and only the reader of the profile
/// knows which zone it was written in. `infinity` and `-infinity` stay as PostgreSQL writes
/// them; years outside 0…9999 are written with as many digits as they need (astronomical
/// numbering: year 0 is 1 BC).
enum PostgresTimestampText {
    static let microsecondsPerDay: Int64 = 86_400_000_000
    /// Days from 1970-01-01 to PostgreSQL's epoch 2000-01-01.
    static let daysFromUnixEpoch: Int64 = 10_957

    /// The text of a `timestamptz` (`zoned`, with `Z`) or `timestamp` (no offset) value.
    static func timestamp(microsecondsSince2000 value: Int64, zoned: Bool) -> String {
        if value == .max { return "infinity" }
        if value == .min { return "-infinity" }
        // Quotient and remainder rather than `value - days * microsecondsPerDay`, which would
        // overflow for values near Int64.min (outside PostgreSQL's range, but not trusted).
        var days = value / microsecondsPerDay
        var microsecondOfDay = value % microsecondsPerDay
        if microsecondOfDay < 0 {
            days -= 1
            microsecondOfDay += microsecondsPerDay
        }
        let seconds = microsecondOfDay / 1_000_000
        let fraction = microsecondOfDay % 1_000_000
        var text = civilDate(daysSince2000: days)
        text += "T" + padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2)
        if fraction != 0 {
            var digits = padded(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return zoned ? text + "Z" : text
    }

    /// The text of a `date` value: `2026-11-20`.
    static func date(daysSince2000 value: Int32) -> String {
        if value == .max { return "infinity" }
        if value == .min { return "-infinity" }
        return civilDate(daysSince2000: Int64(value))
    }

    /// `YYYY-MM-DD` for a day count, by Howard Hinnant's `civil_from_days`.
    ///
    /// `days` is at most ±1.1e8 here (Int64 microseconds span ±292,000 years), so no step overflows.
    static func civilDate(daysSince2000 days: Int64) -> String {
        let z = days + daysFromUnixEpoch + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let yearText = year < 0 ? "-" + padded(-year, 4) : padded(year, 4)
        return yearText + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// `value` (not negative) in decimal, with leading zeros up to `width` digits.
    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
