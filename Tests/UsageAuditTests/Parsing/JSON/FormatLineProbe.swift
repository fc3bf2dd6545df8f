import Foundation
import Testing
@testable import UsageAudit

/// Runs one parser of a log format over lines written as text, and keeps what each line
/// gave as strings (the record's spans are only valid while the line's bytes live).
struct FormatLineProbe {
    /// One parsed line, copied out of the record.
    struct Line {
        var result: LineParseResult
        var timestamp: Int64
        var status: Int
        var remoteAddress: String
        var remoteUser: String
        var method: String
        var path: String
        var query: String
        /// Every catalog field by name; empty when the line did not fill it.
        var fields: [String: String]
        /// Whether every span lies inside the record's text.
        var spansInBounds: Bool
    }

    let catalog: FieldCatalog
    private var parser: any LineParser
    private var record: LogRecord

    init(_ format: some LogFormat, fields: [String] = [], timeZone: String = "UTC") throws {
        catalog = try format.fieldCatalog(requesting: fields)
        let zone = try #require(TimeZone(identifier: timeZone))
        parser = format.makeParser(fields: catalog, calendar: ZonedCalendar(timeZone: zone))
        record = LogRecord(fieldCount: catalog.count)
    }

    mutating func parse(_ text: String) -> Line {
        parse(bytes: Array(text.utf8))
    }

    mutating func parse(bytes: [UInt8]) -> Line {
        bytes.withUnsafeBufferPointer { buffer in
            let result = parser.parse(buffer, into: &record)
            let spans = [record.remoteAddress, record.remoteUser, record.method, record.path, record.query] + record.fields
            let inBounds = spans.allSatisfy { $0.isEmpty || ($0.start >= 0 && Int($0.end) <= record.text.count) }
            guard inBounds else {
                return Line(
                    result: result, timestamp: 0, status: 0, remoteAddress: "", remoteUser: "", method: "", path: "",
                    query: "", fields: [:], spansInBounds: false
                )
            }
            var fields: [String: String] = [:]
            for (index, name) in catalog.names.enumerated() {
                fields[name] = record.string(record.fields[index])
            }
            return Line(
                result: result, timestamp: record.timestamp, status: record.status,
                remoteAddress: record.string(record.remoteAddress), remoteUser: record.string(record.remoteUser),
                method: record.string(record.method), path: record.string(record.path),
                query: record.string(record.query), fields: fields, spansInBounds: true
            )
        }
    }

    /// Parses every line of `text` (split at each LF, so a CR before it stays in the line).
    mutating func parseLines(_ text: String) -> [Line] {
        Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { parse(bytes: Array($0)) }
    }

    /// Whether `result` is `.malformed`, whatever the hint.
    static func isMalformed(_ result: LineParseResult) -> Bool {
        if case .malformed = result { return true }
        return false
    }

    /// Seconds since the epoch of a UTC wall-clock time.
    static func epoch(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        CivilDateTime(date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
            .secondsSinceEpochAsUTC
    }
}
