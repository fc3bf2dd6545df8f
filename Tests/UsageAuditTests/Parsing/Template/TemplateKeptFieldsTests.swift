import Foundation
import Testing
@testable import UsageAudit

@Suite("Template parser keeping only some fields: the same lines parse, the kept fields alike")
struct TemplateKeptFieldsTests {
    /// Formats, each with field choices to keep (by name) and a line that parses.
    static let cases: [(format: String, kept: [[String]])] = [
        ("combined", [[], ["http_user_agent"], ["uri", "args"], ["body_bytes_sent", "http_referer"]]),
        ("common", [[], ["request_method"]]),
        (TemplateFastPathTests.nginxCombined, [[], ["http_user_agent", "status"], ["body_bytes_sent"]]),
        ("vcombined", [[], ["server_name", "http_user_agent"]]),
    ]

    @Test("every case: samples, edge lines and mutations give the same results and kept spans")
    func keptFieldsAgree() throws {
        var generator = SeededRandom(seed: 0x6E97)
        let samples = TemplateFastPathTests.cases.map(\.sample) + TemplateFastPathTests.edgeLines
        for (format, choices) in Self.cases {
            for names in choices {
                for usesFastPath in [true, false] {
                    var pair = try KeptPair(format, keeping: names, usesFastPath: usesFastPath)
                    for sample in samples {
                        let bytes = Array(sample.utf8)
                        pair.expectSame(bytes)
                        for _ in 0..<200 {
                            pair.expectSame(TemplateFuzzTests.mutated(bytes, times: Int.random(in: 1...3, using: &generator), using: &generator))
                        }
                    }
                }
            }
        }
    }

    /// A second thread parsing the same input gets `withOwnCalendar()`: a calendar of its
    /// own (a `ZonedCalendar` caches and is not thread-safe), in the same zone, and the
    /// same results.
    @Test("a parser with a calendar of its own: another calendar, the same zone and results")
    func ownCalendar() throws {
        let template = try TemplateLogFormat(#"%h %{%Y-%m-%d %H:%M:%S}t %u "%r" %>s %b"#)
        let catalog = try template.fieldCatalog(requesting: [])
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        var parser = TemplateLineParser(program: template.program, fields: catalog, calendar: calendar)
        var own = parser.withOwnCalendar()
        #expect(own.calendar !== parser.calendar)
        #expect(own.calendar.timeZone == calendar.timeZone)
        var (record, ownRecord) = (LogRecord(fieldCount: catalog.count), LogRecord(fieldCount: catalog.count))
        // Either side of the clocks going back (2026-10-25 03:00 -> 02:00 in Berlin).
        for time in ["2026-10-25 01:59:59", "2026-10-25 03:30:00", "2026-07-01 12:00:00"] {
            let line = Array(#"10.0.0.1 \#(time) alice "GET /api/geo HTTP/1.1" 200 5"#.utf8)
            line.withUnsafeBufferPointer { buffer in
                #expect(parser.parse(buffer, into: &record) == .parsed)
                #expect(own.parse(buffer, into: &ownRecord) == .parsed)
            }
            #expect(ownRecord.timestamp == record.timestamp, "\(time)")
        }
    }

    @Test("a field not kept stays empty; a kept one, derived or logged, is stored")
    func keptFieldsAreStored() throws {
        let line = Array(#"1.2.3.4 - bob [17/May/2015:10:05:03 +0000] "GET /a?k=1 HTTP/1.1" 200 5 "-" "ua 1""#.utf8)
        var pair = try KeptPair("combined", keeping: ["http_user_agent", "args"], usesFastPath: true)
        #expect(pair.expectSame(line) == .parsed)
        let catalog = pair.catalog
        for name in catalog.names {
            let index = try #require(catalog.index(of: name))
            let stored = String(decoding: pair.keptRecord.bytes(pair.keptRecord.fields[index]), as: UTF8.self)
            switch name {
            case "http_user_agent": #expect(stored == "ua 1")
            case "args": #expect(stored == "k=1")
            default: #expect(stored.isEmpty, "\(name) is not kept")
            }
        }
        #expect(pair.keptRecord.bytes(pair.keptRecord.remoteUser).elementsEqual("bob".utf8))
    }
}

/// A parser storing every field and one keeping only some, fed the same lines.
private struct KeptPair {
    let format: String
    let catalog: FieldCatalog
    let kept: Set<Int>
    var every: TemplateLineParser
    var keeping: TemplateLineParser
    var everyRecord: LogRecord
    var keptRecord: LogRecord

    init(_ format: String, keeping names: [String], usesFastPath: Bool) throws {
        self.format = format
        let template = try TemplateLogFormat(format)
        let catalog = try template.fieldCatalog(requesting: names)
        let indices = names.compactMap { catalog.index(of: $0) }
        #expect(indices.count == names.count, "\(format) logs \(names)")
        self.catalog = catalog
        kept = Set(indices)
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        every = TemplateLineParser(program: template.program, fields: catalog, calendar: calendar, usesFastPath: usesFastPath)
        keeping = TemplateLineParser(every, keepingOnly: indices)
        everyRecord = LogRecord(fieldCount: catalog.count)
        keptRecord = LogRecord(fieldCount: catalog.count)
    }

    /// Parses `line` with both; expects the same result, fixed spans, time and status, the
    /// kept fields alike and the others empty. The result.
    @discardableResult
    mutating func expectSame(_ line: [UInt8]) -> LineParseResult {
        line.withUnsafeBufferPointer { buffer in
            let everyResult = every.parse(buffer, into: &everyRecord)
            let keptResult = keeping.parse(buffer, into: &keptRecord)
            let text = "\(format) keeping \(kept.sorted()): \(String(decoding: line, as: UTF8.self))"
            #expect(keptResult == everyResult, "\(text)")
            guard everyResult == .parsed else { return everyResult }
            #expect(keptRecord.timestamp == everyRecord.timestamp, "\(text)")
            #expect(keptRecord.status == everyRecord.status, "\(text)")
            #expect(keptRecord.fixedSpans == everyRecord.fixedSpans, "\(text)")
            for index in everyRecord.fields.indices {
                #expect(keptRecord.fields[index] == (kept.contains(index) ? everyRecord.fields[index] : .empty), "\(text), field \(index)")
            }
            return everyResult
        }
    }
}
