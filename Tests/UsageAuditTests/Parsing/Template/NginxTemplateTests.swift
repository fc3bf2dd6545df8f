import Testing
@testable import UsageAudit

@Suite("nginx log_format templates")
struct NginxTemplateTests {
    static let apiFormat =
        #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "#
        + #""$http_user_agent" rt=$request_time urt=$upstream_response_time key="$http_x_api_key" units=$upstream_http_x_units "#
        + #"sid=$cookie_session page=$arg_page $tenant"#

    @Test("an unbracketed $time_local, which holds a space, is read whole")
    func unbracketedLocalTime() throws {
        var harness = try TemplateHarness(#"$remote_addr $time_local $remote_user "$request" $status"#)
        let line = harness.parse(#"1.2.3.4 10/Oct/2026:13:55:36 +0200 alice "GET /api/x HTTP/1.1" 200"#)
        #expect(line.isParsed, "\(String(describing: line.hint))")
        #expect(line.timestamp == utcSeconds(2026, 10, 10, 11, 55, 36))
        #expect(line.remoteUser == "alice" && line.status == 200)
    }

    @Test("custom variables and header, cookie and argument families become named fields")
    func namedFields() throws {
        var harness = try TemplateHarness(Self.apiFormat)
        let line = harness.parse(
            #"2001:db8::1 - bob [04/Oct/2024:10:00:00 +0200] "POST /v1/isolines?page=2 HTTP/2.0" 201 512 "-" "python-requests/2.31" rt=0.123 urt=0.120 key="k_live_123" units=7 sid=s1 page=2 acme"#)
        #expect(line.isParsed)
        #expect(line.remoteAddress == "2001:db8::1")
        #expect(line.remoteUser == "bob")
        #expect(line.timestamp == utcSeconds(2024, 10, 4, 8, 0, 0))
        #expect(line.fields["request_time"] == "0.123")
        #expect(line.fields["upstream_response_time"] == "0.120")
        #expect(line.fields["http_x_api_key"] == "k_live_123")
        #expect(line.fields["upstream_http_x_units"] == "7")
        #expect(line.fields["cookie_session"] == "s1")
        #expect(line.fields["arg_page"] == "2")
        #expect(line.fields["tenant"] == "acme")
        #expect(line.fields["remote_addr"] == "2001:db8::1")
        #expect(line.fields["status"] == "201")
        #expect(line.fields["http_referer"] == "")
    }

    @Test("the catalog lists every variable and refuses a field the format does not log")
    func catalog() throws {
        let format = try TemplateLogFormat(Self.apiFormat)
        let catalog = try format.fieldCatalog(requesting: ["http_x_api_key", "upstream_http_x_units", "remote_addr"])
        #expect(catalog.index(of: "http_x_api_key") != nil)
        #expect(catalog.index(of: "time_local") != nil)
        #expect(catalog.index(of: "uri") != nil)
        let error = #expect(throws: FormatError.self) { try format.fieldCatalog(requesting: ["http_x_token"]) }
        guard case .unknownField(let name, let available)? = error else {
            Issue.record("expected unknownField, got \(String(describing: error))")
            return
        }
        #expect(name == "http_x_token")
        #expect(available.contains("http_x_api_key"))
    }

    @Test("$time_iso8601 and $msec tell the time")
    func otherTimes() throws {
        var iso = try TemplateHarness(#"$time_iso8601 $remote_addr "$request" $status"#)
        let isoLine = iso.parse(#"2024-10-04T12:30:00+02:00 10.0.0.1 "GET / HTTP/1.1" 200"#)
        #expect(isoLine.timestamp == utcSeconds(2024, 10, 4, 10, 30, 0))

        var msec = try TemplateHarness(#"$msec $remote_addr "$request" $status"#)
        let msecLine = msec.parse(#"1728037800.123 10.0.0.1 "GET / HTTP/1.1" 200"#)
        #expect(msecLine.isParsed)
        #expect(msecLine.timestamp == 1_728_037_800)
    }

    @Test("fields written back to back split at the '/' of a path and the '?' of $is_args")
    func adjacentFields() throws {
        var harness = try TemplateHarness(#"[$time_local] "$request_method $scheme://$host$request_uri $server_protocol" $status $uri$is_args$args"#)
        let line = harness.parse(#"[04/Oct/2024:10:00:00 +0000] "GET https://api.example.com/v1/a?x=1 HTTP/1.1" 200 /v1/a?x=1"#)
        #expect(line.isParsed)
        #expect(line.method == "GET")
        #expect(line.fields["host"] == "api.example.com")
        #expect(line.fields["scheme"] == "https")
        #expect(line.path == "/v1/a")
        #expect(line.query == "x=1")
        #expect(line.fields["uri"] == "/v1/a")
        #expect(line.fields["args"] == "x=1")

        let noQuery = harness.parse(#"[04/Oct/2024:10:00:00 +0000] "GET https://api.example.com/v1/a HTTP/1.1" 200 /v1/a"#)
        #expect(noQuery.isParsed)
        #expect(noQuery.fields["uri"] == "/v1/a")
        #expect(noQuery.fields["args"] == "")
    }

    @Test("$uri and $args give path and query when the request line is not logged")
    func pathAndQuery() throws {
        var harness = try TemplateHarness(#"$remote_addr [$time_local] $request_method $uri $args $status"#)
        let line = harness.parse("10.0.0.1 [04/Oct/2024:10:00:00 +0000] GET /v1/geocode q=Paris&api_key=abc 200")
        #expect(line.method == "GET")
        #expect(line.path == "/v1/geocode")
        #expect(line.query == "q=Paris&api_key=abc")
    }

    @Test("a JSON-shaped log_format with escape=json reads quoted and bare values")
    func jsonShaped() throws {
        var harness = try TemplateHarness(
            #"{"time":"$time_iso8601","remote_addr":"$remote_addr","request":"$request","status":$status,"ua":"$http_user_agent"}"#)
        let line = harness.parse(
            #"{"time":"2024-10-04T10:00:00+00:00","remote_addr":"10.0.0.1","request":"GET /a?k=\",\"status\":1 HTTP/1.1","status":200,"ua":"say \"hi\", ok"}"#)
        #expect(line.isParsed)
        #expect(line.status == 200)
        #expect(line.path == "/a")
        #expect(line.query == #"k=\",\"status\":1"#)
        #expect(line.fields["http_user_agent"] == #"say \"hi\", ok"#)
    }

    @Test("${name} and upper-case names are read as the lower-case variable")
    func bracedNames() throws {
        let format = try TemplateLogFormat(#"${Remote_Addr}[$time_local] $Status"#)
        #expect(format.program.fieldNames == ["remote_addr", "time_local", "status"])
    }

    @Test("malformed variables are refused", arguments: [
        "$remote_addr [$time_local] $", "$remote_addr [$time_local] $1abc", "$remote_addr [$time_local] ${status",
        "$remote_addr [$time_local] ${}", "$remote_addr [$time_local] $http_", "$remote_addr [$time_local] $-x $status",
    ])
    func malformed(_ specification: String) {
        let error = #expect(throws: FormatError.self) { try TemplateLogFormat(specification) }
        if case .invalidTemplate? = error {} else { Issue.record("expected invalidTemplate, got \(String(describing: error))") }
    }

    @Test("a template without a time, or with two fields that cannot be told apart, is refused")
    func refused() {
        #expect(throws: FormatError.missingTime(format: #"$remote_addr "$request" $status"#)) {
            try TemplateLogFormat(#"$remote_addr "$request" $status"#)
        }
        let error = #expect(throws: FormatError.self) { try TemplateLogFormat("$remote_addr$remote_user [$time_local]") }
        if case .invalidTemplate(_, let reason)? = error {
            #expect(reason.contains("$remote_user"))
        } else {
            Issue.record("expected invalidTemplate, got \(String(describing: error))")
        }
        #expect(throws: FormatError.self) { try TemplateLogFormat("$remote_addr %h [$time_local]") }
        #expect(throws: FormatError.self) { try TemplateLogFormat("no variables here") }
    }
}
