import Foundation
@testable import UsageAudit

/// What a template parser made of one line, copied out as strings for assertions.
struct ParsedTemplateLine {
    var result: LineParseResult
    var timestamp: Int64
    var status: Int
    var remoteAddress: String
    var remoteUser: String
    var method: String
    var path: String
    var query: String
    /// Every catalog field by name; absent fields are "".
    var fields: [String: String]

    var isParsed: Bool { result == .parsed }

    /// The hint of a malformed line, or nil.
    var hint: String? {
        if case .malformed(let hint) = result { return hint }
        return nil
    }
}

/// Parses lines with one template format, the way the pipeline does.
struct TemplateHarness {
    let format: TemplateLogFormat
    let catalog: FieldCatalog
    var parser: any LineParser
    var record: LogRecord

    /// - Parameter usesFastPath: false parses every line with the general walk.
    init(_ specification: String, timeZone: String = "UTC", usesFastPath: Bool = true) throws {
        format = try TemplateLogFormat(specification)
        catalog = try format.fieldCatalog(requesting: [])
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: timeZone)!)
        parser = usesFastPath
            ? format.makeParser(fields: catalog, calendar: calendar)
            : TemplateLineParser(program: format.program, fields: catalog, calendar: calendar, usesFastPath: false)
        record = LogRecord(fieldCount: catalog.count)
    }

    mutating func parse(_ line: String) -> ParsedTemplateLine {
        parse(bytes: Array(line.utf8))
    }

    mutating func parse(bytes: [UInt8]) -> ParsedTemplateLine {
        bytes.withUnsafeBufferPointer { buffer in
            let result = parser.parse(buffer, into: &record)
            var fields: [String: String] = [:]
            for (index, name) in catalog.names.enumerated() {
                fields[name] = record.string(record.fields[index])
            }
            return ParsedTemplateLine(
                result: result, timestamp: record.timestamp, status: record.status,
                remoteAddress: record.string(record.remoteAddress), remoteUser: record.string(record.remoteUser),
                method: record.string(record.method), path: record.string(record.path),
                query: record.string(record.query), fields: fields)
        }
    }
}

/// Seconds since the epoch of a UTC wall-clock time, for expectations.
func utcSeconds(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
    CivilDateTime(date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
        .secondsSinceEpochAsUTC
}

extension LogRecord {
    /// The spans every record has, whatever its format's fields: for comparing two records.
    var fixedSpans: [ByteSpan] { [remoteAddress, remoteUser, method, path, query] }
}
