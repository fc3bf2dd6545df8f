import Foundation

/// Reads the audit moment given as `--as-of`.
public enum AuditMoment {
    /// Parses an RFC 3339 time (`2026-11-21T00:00:00Z`, `…+01:00`); a time without an offset
    /// is read in `timeZone`. Returns epoch seconds, or nil when the text is not such a time.
    public static func parse(_ text: String, timeZone: TimeZone) -> Int64? {
        var copy = text
        return copy.withUTF8 { bytes -> Int64? in
            var parts = TimeParts()
            guard TimeLayout.iso8601.read(bytes, into: &parts) else { return nil }
            return parts.epochSeconds(in: ZonedCalendar(timeZone: timeZone))
        }
    }
}
