import Testing
@testable import UsageAudit

@Suite("Template line parser")
struct TemplateLineParserTests {
    static let prefix = #"10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "#

    @Test("escaped quotes and backslashes inside quoted fields are skipped over")
    func escapedQuotes() throws {
        var harness = try TemplateHarness("combined")
        let apache = harness.parse(Self.prefix + #""GET /a\"b HTTP/1.1" 200 5 "-" "Agent \"X\" \\ 1.0""#)
        #expect(apache.isParsed)
        #expect(apache.path == #"/a\"b"#)
        #expect(apache.fields["http_user_agent"] == #"Agent \"X\" \\ 1.0"#)

        let nginx = harness.parse(Self.prefix + #""GET /a HTTP/1.1" 200 5 "http://x/\x22y" "Agent \x22X\x22""#)
        #expect(nginx.fields["http_referer"] == #"http://x/\x22y"#)
        #expect(nginx.fields["http_user_agent"] == #"Agent \x22X\x22"#)

        let trailingBackslash = harness.parse(Self.prefix + #""GET /a HTTP/1.1" 200 5 "ref\" "ua""#)
        #expect(trailingBackslash.isParsed)
        #expect(trailingBackslash.fields["http_referer"] == #"ref\"#)
    }

    @Test("IPv6 and IP:port client addresses are kept as logged")
    func addresses() throws {
        var harness = try TemplateHarness("common")
        #expect(harness.parse(#"2001:db8::2:1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#).remoteAddress == "2001:db8::2:1")
        #expect(harness.parse(#"[2001:db8::1]:443 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#).remoteAddress == "[2001:db8::1]:443")
        #expect(harness.parse(#"203.0.113.7:51234 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#).remoteAddress == "203.0.113.7:51234")
    }

    @Test("a user name with spaces ends at the ' [' before the time")
    func userWithSpaces() throws {
        var harness = try TemplateHarness("common")
        let line = harness.parse(#"10.0.0.1 - John Smith [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#)
        #expect(line.remoteUser == "John Smith")
    }

    @Test("malformed lines get a hint that says what was expected where", arguments: [
        (#"10.0.0.1 - - 10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#, "' ['"),
        (#"10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 2000 1"#, "3-digit status"),
        (#"10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" -- 1"#, "3-digit status"),
        (#"10.0.0.1 - - [10/Foo/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#, "expected a time for '%t' at byte 15"),
        (#"10.0.0.1 - - [31/Feb/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1"#, "not a real date"),
        (#"10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1"#, "no '\" ' after '%r'"),
        ("10.0.0.1 - -", "no ' [' after '%u' (from byte 12)"),
        ("just some text", "no ' [' after '%u'"),
    ])
    func hints(_ line: String, _ expected: String) throws {
        var harness = try TemplateHarness("common")
        let hint = harness.parse(line).hint
        #expect(hint?.contains(expected) == true, "hint: \(hint ?? "nil")")
    }

    @Test("the last field runs to the end of the line, so common reads combined lines")
    func lastFieldTakesTheRest() throws {
        var harness = try TemplateHarness("common")
        let line = harness.parse(#"10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8""#)
        #expect(line.isParsed)
        #expect(line.status == 200)
        #expect(line.fields["body_bytes_sent"] == #"1 "-" "curl/8""#)
    }

    @Test("blank lines are ignored; a carriage return before the end of line is dropped")
    func blankAndCRLF() throws {
        var harness = try TemplateHarness("common")
        #expect(harness.parse("").result == .ignored)
        #expect(harness.parse("  \t ").result == .ignored)
        #expect(harness.parse("\r").result == .ignored)
        let line = harness.parse("10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] \"GET / HTTP/1.1\" 200 17\r")
        #expect(line.isParsed)
        #expect(line.fields["body_bytes_sent"] == "17")
    }

    @Test("a record is fully reset between lines")
    func reset() throws {
        var harness = try TemplateHarness("combined")
        _ = harness.parse(#"10.0.0.1 - alice [10/Oct/2000:13:55:36 +0000] "GET /a?x=1 HTTP/1.1" 200 5 "r" "u""#)
        let second = harness.parse(#"10.0.0.2 - - [10/Oct/2000:13:55:37 +0000] "-" 400 - "-" "-""#)
        #expect(second.remoteUser == "")
        #expect(second.method == "" && second.path == "" && second.query == "")
        #expect(second.fields["http_referer"] == "" && second.fields["args"] == "")
        #expect(second.timestamp == utcSeconds(2000, 10, 10, 13, 55, 37))
    }

    @Test("the request target of $request_uri wins over $request; $request_method over the request line")
    func requestPriority() throws {
        var harness = try TemplateHarness(#"$request_uri [$time_local] "$request" $request_method $status"#)
        let line = harness.parse(#"/real?a=1 [10/Oct/2000:13:55:36 +0000] "GET /other HTTP/1.1" POST 200"#)
        #expect(line.path == "/real")
        #expect(line.query == "a=1")
        #expect(line.method == "POST")
    }
}
