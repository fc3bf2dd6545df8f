import Foundation
import Testing
@testable import UsageAudit

@Suite("Template fast path: the same records as the general walk")
struct TemplateFastPathTests {
    static let nginxCombined =
        #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent""#

    /// Formats with a fast path, a line each, and lines that take the general walk.
    static let cases: [(format: String, sample: String)] = [
        ("common", #"in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news.txt HTTP/1.0" 200 1839"#),
        ("combined", #"83.149.9.216 - bob [17/May/2015:10:05:03 +0000] "GET /api/v1/a?b=1&api_key=k1 HTTP/1.1" 200 203023 "http://x/" "Mozilla 5.0""#),
        (nginxCombined, #"10.0.0.1 - alice [04/Oct/2024:10:00:00 +0200] "POST /v1/route?x=1 HTTP/2.0" 429 0 "-" "curl/8.0""#),
        (#"[$time_local] "$request" $status $http_x_api_key"#, #"[04/Oct/2024:10:00:00 +0000] "GET /v1/a HTTP/1.1" 200 k-42"#),
    ]

    /// Lines on the edges of the plain path, for the combined format.
    static let edgeLines: [String] = [
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "quote \" inside""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a?q=\"x\" HTTP/1.1" 200 5 "-" "ua""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ends in backslash \""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ends in two \\""#,
        #"1.2.3.4 - john smith [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua" trailing"#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5"#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 2000 5 "-" "ua""#,
        #"1.2.3.4 - - [31/Feb/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "-" 400 0 "-" "-""#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET http://h:80/a?b=1 HTTP/1.1" 200 5 "-" "ua""#,
        "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"ua\"\r",
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "" """#,
        #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" ""#,
        "   ",
        "",
    ]

    @Test("common and combined shapes get a fast path; optional bytes and tails do not")
    func shapes() throws {
        for format in ["common", "combined", Self.nginxCombined] {
            #expect(TemplateFastPath(program: try TemplateLogFormat(format).program) != nil, "\(format)")
        }
        for format in ["vcombined", "elb", "alb", #"$time_local $uri$is_args$args"#] {
            #expect(TemplateFastPath(program: try TemplateLogFormat(format).program) == nil, "\(format)")
        }
    }

    @Test("a plain line is split by the fast path, at the fields' boundaries")
    func plainLineTakesFastPath() throws {
        let program = try TemplateLogFormat("combined").program
        let fastPath = try #require(TemplateFastPath(program: program))
        let line = Array(#"1.2.3.4 - bob [17/May/2015:10:05:03 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua 1""#.utf8)
        var spans = [ByteSpan](repeating: .empty, count: fastPath.fieldOrder.count)
        let split = line.withUnsafeBufferPointer { buffer in
            spans.withUnsafeMutableBufferPointer { fastPath.split(buffer, end: buffer.count, into: $0.baseAddress!) }
        }
        #expect(split)
        let texts = spans.map { String(decoding: line[Int($0.start)..<Int($0.end)], as: UTF8.self) }
        #expect(texts == ["1.2.3.4", "-", "bob", "17/May/2015:10:05:03 +0000", "GET /a HTTP/1.1", "200", "5", "-", "ua 1"])
        // A quote after a backslash that could end a quoted field is left to the walk.
        let escaped = Array(#"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET /a?q=\" HTTP/1.1" 200 5 "-" "ua""#.utf8)
        let splitEscaped = escaped.withUnsafeBufferPointer { buffer in
            spans.withUnsafeMutableBufferPointer { fastPath.split(buffer, end: buffer.count, into: $0.baseAddress!) }
        }
        #expect(!splitEscaped)
    }

    @Test("edge lines: the same result, spans and time with and without the fast path")
    func edgeLinesAgree() throws {
        var pair = try ParserPair("combined")
        for line in Self.edgeLines {
            pair.expectSameOutcome(Array(line.utf8))
        }
    }

    @Test("samples and their random mutations: the same outcome with and without the fast path")
    func mutatedLinesAgree() throws {
        var generator = SeededRandom(seed: 0xFA57)
        for (format, sample) in Self.cases {
            var pair = try ParserPair(format)
            let bytes = Array(sample.utf8)
            #expect(pair.expectSameOutcome(bytes) == .parsed, "sample of \(format)")
            for round in 0..<3000 {
                let line = round % 5 == 0
                    ? TemplateFuzzTests.randomLine(using: &generator)
                    : TemplateFuzzTests.mutated(bytes, times: Int.random(in: 1...3, using: &generator), using: &generator)
                pair.expectSameOutcome(line)
            }
        }
    }
}

/// Two parsers of one format, one with the fast path and one without, fed the same lines.
private struct ParserPair {
    let format: String
    var fast: TemplateLineParser
    var walk: TemplateLineParser
    var fastRecord: LogRecord
    var walkRecord: LogRecord

    init(_ format: String) throws {
        self.format = format
        let template = try TemplateLogFormat(format)
        let catalog = try template.fieldCatalog(requesting: [])
        let calendar = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        fast = TemplateLineParser(program: template.program, fields: catalog, calendar: calendar)
        walk = TemplateLineParser(program: template.program, fields: catalog, calendar: calendar, usesFastPath: false)
        fastRecord = LogRecord(fieldCount: catalog.count)
        walkRecord = LogRecord(fieldCount: catalog.count)
    }

    /// Parses `line` with both and expects the same result and record; the result.
    @discardableResult
    mutating func expectSameOutcome(_ line: [UInt8]) -> LineParseResult {
        line.withUnsafeBufferPointer { buffer in
            let fastResult = fast.parse(buffer, into: &fastRecord)
            let walkResult = walk.parse(buffer, into: &walkRecord)
            let text = String(decoding: line, as: UTF8.self)
            #expect(fastResult == walkResult, "\(format): \(text)")
            if walkResult == .parsed {
                #expect(fastRecord.timestamp == walkRecord.timestamp, "\(format): \(text)")
                #expect(fastRecord.status == walkRecord.status, "\(format): \(text)")
                #expect(fastRecord.fixedSpans + fastRecord.fields == walkRecord.fixedSpans + walkRecord.fields, "\(format): \(text)")
            }
            return walkResult
        }
    }
}
