import Testing
@testable import UsageAudit

@Suite struct W3CLogFormatTests {
    static let iisLog = """
        #Software: Microsoft Internet Information Services 10.0
        #Version: 1.0
        #Date: 2026-11-20 00:00:01
        #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
        2026-11-20 00:00:01 10.0.0.4 GET /api/v1/geocode q=paris&api_key=abc123 443 - 203.0.113.9 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 46
        2026-11-20 12:55:36 10.0.0.4 POST /api/v1/isolines - 443 CONTOSO\\alice 198.51.100.7 python-requests/2.31.0 https://app.example.com/ 201 0 0 1203\r
        #Software: Microsoft Internet Information Services 10.0
        #Version: 1.0
        #Date: 2026-11-20 13:00:00
        #Fields: date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status time-taken cs(X-Api-Key)
        2026-11-20 13:00:02 192.0.2.44 - GET /api/v1/geocode q=rome 429 3 key-42

        """

    static let cloudFrontFields = """
        date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) \
        cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken \
        x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status \
        fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len \
        sc-range-start sc-range-end
        """

    static let cloudFrontLog = [
        "#Version: 1.0",
        "#Fields: " + cloudFrontFields,
        [
            "2026-11-20", "12:55:36", "FRA56-P5", "1045", "192.0.2.100", "GET", "d111111abcdef8.cloudfront.net",
            "/api/v1/geocode", "200", "-", "Mozilla/5.0%20(Macintosh;%20Intel%20Mac%20OS%20X%2010_15_7)",
            "q=berlin&api_key=xyz", "-", "Miss", "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
            "api.example.com", "https", "120", "0.101", "203.0.113.50", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "Miss",
            "HTTP/2.0", "-", "-", "51234", "0.100", "Miss", "application/json", "512", "-", "-",
        ].joined(separator: "\t"),
        [
            "2026-11-20", "23:59:59", "IAD89-C1", "0", "2001:db8::7", "HEAD", "d111111abcdef8.cloudfront.net",
            "/health", "403", "-", "curl/8.4.0", "-", "session=abc", "Error", "k7Vx-q1ZZ==", "api.example.com",
            "http", "80", "0.001", "-", "-", "-", "Error", "HTTP/1.1", "-", "-", "443", "0.001", "Error", "-", "-",
            "-", "-",
        ].joined(separator: "\t"),
    ].joined(separator: "\n")

    @Test func readsAnIISLogWhoseHeaderChanges() throws {
        let names = ["cs(User-Agent)", "http_user_agent", "time-taken", "cs(x-api-key)", "http_x_api_key", "x-edge-request-id"]
        var probe = try FormatLineProbe(W3CLogFormat(), fields: names)
        let lines = probe.parseLines(Self.iisLog)
        #expect(lines.map(\.result) == [
            .ignored, .ignored, .ignored, .ignored, .parsed, .parsed,
            .ignored, .ignored, .ignored, .ignored, .parsed, .ignored,
        ])
        let first = lines[4]
        #expect(first.timestamp == FormatLineProbe.epoch(2026, 11, 20, 0, 0, 1))
        #expect((first.method, first.path, first.query) == ("GET", "/api/v1/geocode", "q=paris&api_key=abc123"))
        #expect((first.remoteAddress, first.remoteUser, first.status) == ("203.0.113.9", "", 200))
        #expect(first.fields == [
            "cs(User-Agent)": "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)",
            "http_user_agent": "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)",
            "time-taken": "46", "cs(x-api-key)": "", "http_x_api_key": "", "x-edge-request-id": "",
        ])
        let second = lines[5]
        #expect(second.timestamp == FormatLineProbe.epoch(2026, 11, 20, 12, 55, 36))
        #expect((second.method, second.path, second.query) == ("POST", "/api/v1/isolines", ""))
        #expect((second.remoteAddress, second.remoteUser, second.status) == ("198.51.100.7", "CONTOSO\\alice", 201))
        #expect(second.fields["time-taken"] == "1203")
        let third = lines[10]
        #expect(third.timestamp == FormatLineProbe.epoch(2026, 11, 20, 13, 0, 2))
        #expect((third.remoteAddress, third.remoteUser, third.status, third.query) == ("192.0.2.44", "", 429, "q=rome"))
        #expect(third.fields == [
            "cs(User-Agent)": "", "http_user_agent": "", "time-taken": "3",
            "cs(x-api-key)": "key-42", "http_x_api_key": "key-42", "x-edge-request-id": "",
        ])
    }

    @Test func readsATabSeparatedCloudFrontLog() throws {
        let names = ["x-edge-request-id", "http_host", "http_x_forwarded_for", "X-Host-Header", "cs(cookie)", "time-taken"]
        var probe = try FormatLineProbe(W3CLogFormat(), fields: names)
        let lines = probe.parseLines(Self.cloudFrontLog)
        #expect(lines.map(\.result) == [.ignored, .ignored, .parsed, .parsed])
        let first = lines[2]
        #expect(first.timestamp == FormatLineProbe.epoch(2026, 11, 20, 12, 55, 36))
        #expect((first.method, first.path, first.query, first.status) == ("GET", "/api/v1/geocode", "q=berlin&api_key=xyz", 200))
        #expect((first.remoteAddress, first.remoteUser) == ("192.0.2.100", ""))
        #expect(first.fields == [
            "x-edge-request-id": "SOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==",
            "http_host": "d111111abcdef8.cloudfront.net", "http_x_forwarded_for": "203.0.113.50",
            "X-Host-Header": "api.example.com", "cs(cookie)": "", "time-taken": "0.101",
        ])
        let second = lines[3]
        #expect(second.timestamp == FormatLineProbe.epoch(2026, 11, 20, 23, 59, 59))
        #expect((second.method, second.path, second.query, second.status) == ("HEAD", "/health", "", 403))
        #expect(second.remoteAddress == "2001:db8::7")
        #expect(second.fields["http_x_forwarded_for"] == "")
        #expect(second.fields["cs(cookie)"] == "session=abc")
    }

    @Test func startsEachInputWithoutAHeader() throws {
        let format = W3CLogFormat()
        var first = try FormatLineProbe(format)
        _ = first.parseLines(Self.cloudFrontLog)
        var second = try FormatLineProbe(format)
        let dataLine = String(Self.cloudFrontLog.split(separator: "\n")[2])
        #expect(second.parse(dataLine).result == .malformed("a data line before any #Fields: header"))
        #expect(first.parse(dataLine).result == .parsed)
    }

    @Test("a quoted value may hold spaces; a doubled quote inside it stays; a lone quote is a character")
    func readsQuotedValues() throws {
        var probe = try FormatLineProbe(W3CLogFormat())
        #expect(probe.parse("#Fields: date time cs-username cs-uri-stem cs(User-Agent) sc-status").result == .ignored)
        let quoted = probe.parse(#"2026-11-20 10:00:00 "ana maria" /a "Mozilla/5.0 (X11; Linux) say ""hi""" 200"#)
        #expect(quoted.result == .parsed && quoted.remoteUser == "ana maria" && quoted.status == 200 && quoted.path == "/a")
        let doubled = probe.parse(#"2026-11-20 10:00:00 "the ""ops"" bot" /a - 200"#)
        #expect(doubled.result == .parsed && doubled.remoteUser == #"the ""ops"" bot"#)
        let lone = probe.parse(#"2026-11-20 10:00:00 "bob /a ua 200"#)
        #expect(lone.result == .parsed && lone.remoteUser == #""bob"#)
        #expect(probe.parse(#"2026-11-20 10:00:00 "ana maria /a ua 200"#).result != .parsed, "no closing quote: one value too many")
        // A line that fits unquoted reads unquoted: quotes a client puts into its values do
        // not make its line malformed (IIS never quotes).
        let client = probe.parse(#"2026-11-20 10:00:00 eve /a?q="x Mozilla" 200"#)
        #expect(client.result == .parsed && client.remoteUser == "eve" && client.status == 200)
        #expect(probe.parse("#Fields: date time cs-username cs-uri-query cs(User-Agent) sc-status").result == .ignored)
        let crafted = probe.parse(#"2026-11-20 10:00:00 eve "x Mozilla/5.0" 200"#)
        #expect(crafted.result == .parsed && crafted.remoteUser == "eve" && crafted.status == 200, "\(crafted.result)")
    }

    @Test func refusesLinesThatDoNotFitTheHeader() throws {
        var probe = try FormatLineProbe(W3CLogFormat())
        #expect(probe.parse("#Fields: date time c-ip cs-method cs-uri-stem sc-status").result == .ignored)
        #expect(probe.parse("2026-11-20 10:00:00 192.0.2.1 GET /a 200").result == .parsed)
        #expect(probe.parse("2026-11-20 10:00:00   192.0.2.1 GET /a 200 ").result == .parsed)
        let countHint = LineParseResult.malformed("the number of values does not match the #Fields: header")
        #expect(probe.parse("2026-11-20 10:00:00 192.0.2.1 GET /a").result == countHint)
        #expect(probe.parse("2026-11-20 10:00:00 192.0.2.1 GET /a 200 extra").result == countHint)
        #expect(probe.parse("2026-11-20\t10:00:00\t192.0.2.1 GET\t/a\t200").result == countHint)
        #expect(probe.parse("2026-11-20 10:00:00 192.0.2.1 GET /a OK").result == .malformed("sc-status is not a whole number"))
        let timeHint = LineParseResult.malformed("the date and time are not YYYY-MM-DD and HH:MM:SS")
        #expect(probe.parse("2026-13-20 10:00:00 192.0.2.1 GET /a 200").result == timeHint)
        #expect(probe.parse("- 10:00:00 192.0.2.1 GET /a 200").result == timeHint)
        #expect(probe.parse("2026-11-20 - 192.0.2.1 GET /a 200").result == timeHint)
        let statusless = probe.parse("2026-11-20 10:00:00 192.0.2.1 GET /a -")
        #expect((statusless.result, statusless.status) == (.parsed, 0))
        #expect(probe.parse("#Remark: anything at all").result == .ignored)
        let marked = probe.parse("\u{FEFF}2026-11-20 10:00:00 192.0.2.1 GET /bom 200")
        #expect((marked.result, marked.path, marked.remoteAddress) == (.parsed, "/bom", "192.0.2.1"))
        #expect(probe.parse("").result == .ignored)
        #expect(probe.parse(" \t\r").result == .ignored)
        #expect(probe.parse("#Fields: c-ip cs-method").result == .ignored)
        #expect(probe.parse("192.0.2.1 GET").result == .malformed("the #Fields: header has no date and time fields"))
    }

    @Test func takesTheDateFromTheDateDirectiveWhenTheFieldsHaveNone() throws {
        var probe = try FormatLineProbe(W3CLogFormat())
        let lines = probe.parseLines("""
            #Fields: time c-ip cs-method cs-uri-stem sc-status
            10:00:00 192.0.2.1 GET /a 200
            #date: 2026-11-20 00:00:00
            10:00:00.250 192.0.2.1 GET /a 200
            10:00 192.0.2.1 GET /a 200
            """)
        #expect(lines.map(\.result) == [
            .ignored, .malformed("the #Fields: header has no date and time fields"), .ignored, .parsed, .parsed,
        ])
        #expect(lines[3].timestamp == FormatLineProbe.epoch(2026, 11, 20, 10, 0, 0))
        #expect(lines[4].timestamp == FormatLineProbe.epoch(2026, 11, 20, 10, 0, 0))
    }

    @Test func splitsAFullRequestURI() throws {
        var probe = try FormatLineProbe(W3CLogFormat())
        _ = probe.parse("#Fields: date time cs-method cs-uri sc-status")
        let line = probe.parse("2026-11-20 10:00:00 GET /api/x?key=1 200")
        #expect((line.path, line.query) == ("/api/x", "key=1"))
    }

    @Test func acceptsAnyRequestedName() throws {
        let catalog = try W3CLogFormat().fieldCatalog(requesting: ["cs(X-Api-Key)", "time-taken", "cs(X-Api-Key)"])
        #expect(catalog.names == ["cs(X-Api-Key)", "time-taken"])
        #expect(throws: FormatError.self) { try W3CLogFormat().fieldCatalog(requesting: [""]) }
    }
}
