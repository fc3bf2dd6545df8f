import Testing
@testable import UsageAudit

@Suite("Apache LogFormat templates")
struct ApacheTemplateTests {
    /// netnea's `extended` format, as published (labor-04).
    static let netneaExtended =
        #"%h %{GEOIP_COUNTRY_CODE}e %u [%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" "#
        + #"%v %A %p %R %{BALANCER_WORKER_ROUTE}e \"%{cookie}n\" %{UNIQUE_ID}e %{SSL_PROTOCOL}x %{SSL_CIPHER}x %I %O "#
        + #"%{ratio}n%% %D %{ModSecTimeIn}e %{ApplicationTime}e %{ModSecTimeOut}e %{ModSecAnomalyScoreIn}e %{ModSecAnomalyScore}e"#

    @Test("the netnea extended format reads a time without offset in the calendar's zone")
    func netnea() throws {
        var harness = try TemplateHarness(Self.netneaExtended, timeZone: "Europe/Zurich")
        let line = harness.parse(
            #"192.168.104.36 CH - [2015-05-20 12:53:11.139981] "GET /EMail/login.aspx?username=john.smith@example.com HTTP/1.1" 200 7362 "-" "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; WOW64; Trident/6.0)" www.example.com 192.168.34.16 443 proxy-server - + "4a7ffdda.522871162568d" ViYdF6wxQzZrjEdU2@UAAAAi TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384 963 11973 -% 935006 1542 930596 2156 0 0"#)
        #expect(line.isParsed)
        #expect(line.timestamp == utcSeconds(2015, 5, 20, 10, 53, 11))
        #expect(line.fields["env_geoip_country_code"] == "CH")
        #expect(line.query == "username=john.smith@example.com")
        #expect(line.fields["server_name"] == "www.example.com")
        #expect(line.fields["server_addr"] == "192.168.34.16")
        #expect(line.fields["server_port"] == "443")
        #expect(line.fields["handler"] == "proxy-server")
        // The published format omits the %X that the lines carry; the literal ' "' still finds the cookie.
        #expect(line.fields["env_balancer_worker_route"] == "- +")
        #expect(line.fields["note_cookie"] == "4a7ffdda.522871162568d")
        #expect(line.fields["env_unique_id"] == "ViYdF6wxQzZrjEdU2@UAAAAi")
        #expect(line.fields["ssl_protocol"] == "TLSv1.2")
        #expect(line.fields["request_length"] == "963")
        #expect(line.fields["bytes_sent"] == "11973")
        #expect(line.fields["note_ratio"] == "")
        #expect(line.fields["request_time_us"] == "935006")
        #expect(line.fields["env_modsecanomalyscore"] == "0")

        var utc = try TemplateHarness(Self.netneaExtended)
        #expect(utc.parse(#"75.249.65.145 US - [2015-09-02 10:42:51.003372] "GET / HTTP/1.1" 200 7113 "-" "-" www.example.com 124.165.3.7 443 redirect-handler - + "-" Vea2i8CoAwcAADevXAgAAAAB TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 701 12118 -% 88871 803 0 0 0 0"#).timestamp
            == utcSeconds(2015, 9, 2, 10, 42, 51))
        #expect(utc.parse(#"75.249.65.145 US - [2015-09-02 10:42:51.0x3372] "GET / HTTP/1.1" 200 7113 "-" "-" www.example.com 124.165.3.7 443 redirect-handler - + "-" Vea2i8CoAwcAADevXAgAAAAB TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 701 12118 -% 88871 803 0 0 0 0"#).hint?.contains("usec_frac") == true)
    }

    @Test("\\\" in a format copied from a config file is a quote")
    func unescaping() throws {
        var harness = try TemplateHarness(#"%h %l %u %t \"%r\" %>s %b"#)
        let line = harness.parse(#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#)
        #expect(line.isParsed)
        #expect(line.remoteUser == "frank")
        #expect(line.path == "/apache_pb.gif")
    }

    @Test("directives map to nginx-spelled field names")
    func fieldNames() throws {
        let format = try TemplateLogFormat(
            #"%a %{c}a %l %u %t "%r" %>s %B %O %I %S %D %T %{ms}T %v %V %p %{remote}p %A %P %{tid}P %k %X %L %R %f %H %m "#
                + #""%{X-Api-Key}i" "%{X-Units}o" %{UNIQUE_ID}e %{cookie}n %{session}C %{SSL_PROTOCOL}x %!200,304{Referer}i %<s"#)
        #expect(format.program.fieldNames == [
            "remote_addr", "realip_remote_addr", "remote_ident", "remote_user", "time_local", "request", "status",
            "body_bytes_sent", "bytes_sent", "request_length", "bytes_transferred", "request_time_us", "request_time",
            "request_time_ms", "server_name", "host", "server_port", "remote_port", "server_addr", "pid", "tid",
            "connection_requests", "connection_status", "request_log_id", "handler", "request_filename", "server_protocol",
            "request_method", "http_x_api_key", "sent_http_x_units", "env_unique_id", "note_cookie", "cookie_session",
            "ssl_protocol", "http_referer", "uri", "args",
        ])
    }

    @Test("header fields are read by name, with conditions and modifiers ignored")
    func headers() throws {
        var harness = try TemplateHarness(#"%h %t "%r" %>s "%{X-Api-Key}i" "%{X-Units}o" %D %{ms}T "%!200,304{Referer}i""#)
        let line = harness.parse(#"10.1.2.3 [10/Oct/2000:13:55:36 +0000] "GET /v1/a HTTP/1.1" 200 "key-1" "12" 1500 1 "https://example.org/""#)
        #expect(line.isParsed)
        #expect(line.fields["http_x_api_key"] == "key-1")
        #expect(line.fields["sent_http_x_units"] == "12")
        #expect(line.fields["request_time_us"] == "1500")
        #expect(line.fields["request_time_ms"] == "1")
        #expect(line.fields["http_referer"] == "https://example.org/")
    }

    @Test("epoch and strftime time directives, with begin: and end: prefixes")
    func times() throws {
        var seconds = try TemplateHarness(#"%{sec}t %h "%r" %s"#)
        #expect(seconds.parse(#"1700000000 10.0.0.1 "GET / HTTP/1.1" 200"#).timestamp == 1_700_000_000)
        var millis = try TemplateHarness(#"%{end:msec}t %h "%r" %s"#)
        #expect(millis.parse(#"1700000000999 10.0.0.1 "GET / HTTP/1.1" 200"#).timestamp == 1_700_000_000)
        var micros = try TemplateHarness(#"%{usec}t %h "%r" %s"#)
        #expect(micros.parse(#"1700000000999999 10.0.0.1 "GET / HTTP/1.1" 200"#).timestamp == 1_700_000_000)
        var pieces = try TemplateHarness(#"[%{begin:%d/%b/%Y %T}t.%{msec_frac}t %{%z}t] %h "%r" %s"#)
        let line = pieces.parse(#"[10/Oct/2000 13:55:36.123 -0700] 10.0.0.1 "GET / HTTP/1.1" 200"#)
        #expect(line.isParsed)
        #expect(line.timestamp == utcSeconds(2000, 10, 10, 20, 55, 36))
    }

    @Test("a time that holds the literal after it (a space) is read whole, first in the line or not", arguments: [
        (#"%h %{%Y-%m-%d %H:%M:%S}t %u "%r" %>s %b"#, #"1.2.3.4 2026-10-10 13:55:36 alice "GET /api/x HTTP/1.1" 200 5"#),
        (#"%{%d/%b/%Y:%H:%M:%S %z}t %h %u "%r" %>s"#, #"10/Oct/2026:13:55:36 +0000 1.2.3.4 alice "GET /api/x HTTP/1.1" 200"#),
        (#"%h %{%F %T}t %u "%r" %>s"#, #"1.2.3.4 2026-10-10 13:55:36 alice "GET /api/x HTTP/1.1" 200"#),
        (#"%h %{%a %b %e %H:%M:%S %Y}t %u "%r" %>s"#, #"1.2.3.4 Sat Oct 10 13:55:36 2026 alice "GET /api/x HTTP/1.1" 200"#),
        (#"%h %{%a %b %d %H:%M:%S %Z %Y}t %u "%r" %>s"#, #"1.2.3.4 Sat Oct 10 13:55:36 UTC 2026 alice "GET /api/x HTTP/1.1" 200"#),
    ])
    func timeHoldingItsTerminator(format: String, text: String) throws {
        var harness = try TemplateHarness(format)
        let line = harness.parse(text)
        #expect(line.isParsed, "\(String(describing: line.hint))")
        #expect(line.timestamp == utcSeconds(2026, 10, 10, 13, 55, 36))
        #expect(line.remoteUser == "alice" && line.path == "/api/x" && line.status == 200)
        // A line whose time is not there is still malformed, with the time's hint.
        let bad = harness.parse(text.replacingOccurrences(of: "13:55:36", with: "later"))
        #expect(bad.hint?.hasPrefix("expected a time for") == true, "\(String(describing: bad.hint))")
    }

    @Test("a ctime-style time padded by %e (five spaces in it on days 1 to 9) is read whole")
    func paddedDay() throws {
        var harness = try TemplateHarness(#"%h %{%a %b %e %H:%M:%S %Y}t %u "%r" %>s"#)
        let line = harness.parse(#"1.2.3.4 Thu Oct  1 13:55:36 2026 bob "GET /api/x HTTP/1.1" 200"#)
        #expect(line.isParsed, "\(String(describing: line.hint))")
        #expect(line.timestamp == utcSeconds(2026, 10, 1, 13, 55, 36) && line.remoteUser == "bob")
    }

    @Test("%U%q written back to back give path and query")
    func pathAndQuery() throws {
        var harness = try TemplateHarness(#"%h %t "%m %U%q %H" %>s"#)
        let line = harness.parse(#"10.0.0.1 [10/Oct/2000:13:55:36 +0000] "GET /v1/a?key=abc HTTP/1.1" 200"#)
        #expect(line.isParsed)
        #expect(line.method == "GET")
        #expect(line.path == "/v1/a")
        #expect(line.query == "key=abc")
        #expect(line.fields["args"] == "key=abc")
        let plain = harness.parse(#"10.0.0.1 [10/Oct/2000:13:55:36 +0000] "GET /v1/a HTTP/1.1" 200"#)
        #expect(plain.path == "/v1/a")
        #expect(plain.query == "")
    }

    @Test("unknown and malformed directives are refused")
    func refused() {
        #expect(throws: FormatError.unknownVariable("%Z", format: "%h %t %Z")) { try TemplateLogFormat("%h %t %Z") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("%h %t %{Referer") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("%h %t %") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("%h %t %{}i") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("%h %t %i") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("%h %t %{xs}T") }
        let pattern = #expect(throws: FormatError.self) { try TemplateLogFormat("%h %{%Q}t") }
        if case .invalidTimePattern? = pattern {} else { Issue.record("expected invalidTimePattern, got \(String(describing: pattern))") }
        #expect(throws: FormatError.missingTime(format: #"%h "%r" %{usec_frac}t"#)) { try TemplateLogFormat(#"%h "%r" %{usec_frac}t"#) }
    }

    @Test("the supported-variable list covers both syntaxes")
    func variableList() {
        let list = TemplateLogFormat.supportedVariables
        #expect(list.contains { $0.syntax == "nginx" && $0.spelling == "$http_NAME" })
        #expect(list.contains { $0.syntax == "apache" && $0.spelling == "%{NAME}i" && $0.field == "http_NAME" })
        #expect(list.contains { $0.spelling == "$is_args" && $0.field == "-" })
    }
}
