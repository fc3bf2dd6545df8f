import Foundation
@testable import UsageAudit

/// Reads times the way a parser does, for tests.
enum TimeFixture {
    /// Reads `texts` with `layouts` in turn (one per field) and returns the instant, or nil
    /// when a layout does not match or the pieces name no time.
    static func read(_ texts: [String], _ layouts: [TimeLayout], zone: String = "UTC") -> Int64? {
        var parts = TimeParts()
        for (text, layout) in zip(texts, layouts) {
            var bytes = Array(text.utf8)
            let matched = bytes.withUnsafeMutableBufferPointer { layout.read(UnsafeBufferPointer($0), into: &parts) }
            guard matched else { return nil }
        }
        return parts.epochSeconds(in: ZonedCalendar(timeZone: TimeZone(identifier: zone)!))
    }

    static func read(_ text: String, _ layout: TimeLayout, zone: String = "UTC") -> Int64? {
        read([text], [layout], zone: zone)
    }
}
