import Testing
@testable import UsageAudit

@Suite struct JSONLogFormatTests {
    static let noon = FormatLineProbe.epoch(2026, 11, 20, 12, 55, 36)

    @Test func readsNginxEscapeJSONWithDefaults() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["http_x_api_key", "request_time"])
        let line = probe.parse(
            #"{"time_local":"20/Nov/2026:13:55:36 +0100","remote_addr":"203.0.113.9","remote_user":"","#
                + #""request":"GET /api/v1/geocode?q=Berlin&api_key=abc123 HTTP/1.1","status":"200","#
                + #""body_bytes_sent":"512","request_time":"0.012","http_user_agent":"curl/8.4.0","http_x_api_key":"k-123"}"#
        )
        #expect(line.result == .parsed)
        #expect(line.timestamp == Self.noon)
        #expect(line.remoteAddress == "203.0.113.9")
        #expect(line.remoteUser == "")
        #expect(line.method == "GET")
        #expect(line.path == "/api/v1/geocode")
        #expect(line.query == "q=Berlin&api_key=abc123")
        #expect(line.status == 200)
        #expect(line.fields == ["http_x_api_key": "k-123", "request_time": "0.012"])
    }

    @Test func readsCaddyWithNestedRequestAndHeaderArrays() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["http_x_api_key", "resp_headers.x-units", "request.host"])
        let line = probe.parse(
            #"{"level":"info","ts":1795179336.5241024,"logger":"http.log.access.log0","msg":"handled request","#
                + #""request":{"remote_ip":"10.0.0.5","remote_port":"41342","client_ip":"198.51.100.7","proto":"HTTP/2.0","#
                + #""method":"POST","host":"api.example.com","uri":"/api/v1/isolines?mode=car","#
                + #""headers":{"User-Agent":["curl/8.4.0"],"X-Api-Key":["secret-777"],"Accept":["*/*"]},"#
                + #""tls":{"resumed":false,"version":772,"cipher_suite":4865,"proto":"h2","server_name":"api.example.com"}},"#
                + #""bytes_read":0,"user_id":"","duration":0.000929675,"size":10900,"status":201,"#
                + #""resp_headers":{"Server":["Caddy"],"X-Units":["3"]}}"#
        )
        #expect(line.result == .parsed)
        #expect(line.timestamp == Self.noon)
        #expect(line.remoteAddress == "198.51.100.7")
        #expect(line.remoteUser == "")
        #expect(line.method == "POST")
        #expect(line.path == "/api/v1/isolines")
        #expect(line.query == "mode=car")
        #expect(line.status == 201)
        #expect(line.fields["http_x_api_key"] == "secret-777")
        #expect(line.fields["resp_headers.x-units"] == "3")
        #expect(line.fields["request.host"] == "api.example.com")
    }

    @Test func readsTraefik() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["http_x_api_key", "RouterName"])
        let line = probe.parse(
            #"{"ClientAddr":"192.0.2.10:51514","ClientHost":"192.0.2.10","ClientPort":"51514","ClientUsername":"-","#
                + #""DownstreamContentSize":45,"DownstreamStatus":429,"Duration":1234567,"OriginStatus":429,"#
                + #""RequestHost":"api.example.com","RequestMethod":"GET","RequestPath":"/api/v1/geocode?q=x","#
                + #""RequestProtocol":"HTTP/1.1","RouterName":"api@docker","StartUTC":"2026-11-20T12:55:36.123456789Z","#
                + #""level":"info","msg":"","request_X-Api-Key":"tk-1","time":"2026-11-20T13:55:36+01:00"}"#
        )
        #expect(line.result == .parsed)
        #expect(line.timestamp == Self.noon)
        #expect(line.remoteAddress == "192.0.2.10")
        #expect(line.remoteUser == "")
        #expect(line.method == "GET")
        #expect(line.path == "/api/v1/geocode")
        #expect(line.query == "q=x")
        #expect(line.status == 429)
        #expect(line.fields == ["http_x_api_key": "tk-1", "RouterName": "api@docker"])
    }

    @Test func readsElasticCommonSchemaObjects() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["http_x_api_key"])
        let line = probe.parse(
            #"{"@timestamp":"2026-11-20T12:55:36.000Z","client":{"ip":"2001:db8::1"},"#
                + #""http":{"request":{"method":"DELETE","headers":{"x-api-key":"e-9"}},"response":{"status_code":204}},"#
                + #""url":{"original":"/api/v1/items/7?force=true","path":"/api/v1/items/7"},"user":{"name":"alice"}}"#
        )
        #expect(line.result == .parsed)
        #expect(line.timestamp == Self.noon)
        #expect(line.remoteAddress == "2001:db8::1")
        #expect(line.remoteUser == "alice")
        #expect(line.method == "DELETE")
        #expect(line.path == "/api/v1/items/7")
        #expect(line.query == "force=true")
        #expect(line.status == 204)
        #expect(line.fields["http_x_api_key"] == "e-9")
    }

    @Test func followsAnExplicitMappingAndItsAliases() throws {
        let format = try JSONLogFormat(mapping: [
            "time": "event.when", "remote_addr": "src.addr", "request": "line", "status": "result.code",
            "api_key": "auth.key",
        ])
        var probe = try FormatLineProbe(format, fields: ["api_key", "event.id", "time"], timeZone: "Europe/Berlin")
        let line = probe.parse(
            #"{"time":"garbage","event":{"when":"2026-11-20 13:55:36","id":42},"src":{"addr":"10.1.1.1:5555"},"#
                + #""line":"PUT /x/y?z=1 HTTP/1.1","result":{"code":"503"},"auth":{"key":"K"}}"#
        )
        #expect(line.result == .parsed)
        #expect(line.timestamp == Self.noon)  // a time without offset is local to the zone
        #expect(line.remoteAddress == "10.1.1.1:5555")
        #expect(line.method == "PUT")
        #expect(line.path == "/x/y")
        #expect(line.query == "z=1")
        #expect(line.status == 503)
        #expect(line.fields == ["api_key": "K", "event.id": "42", "time": "2026-11-20 13:55:36"])
    }

    @Test func matchesKeysThatContainDotsAndIgnoresCase() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["request.headers.x-api-key"])
        let lines = [
            #"{"time":1700000000,"uri":"/a","request.headers.x-api-key":"flat"}"#,
            #"{"time":1700000000,"uri":"/a","request":{"headers.X-Api-Key":"half"}}"#,
            #"{"time":1700000000,"uri":"/a","Request.Headers":{"x-api-key":"split"}}"#,
            #"{"time":1700000000,"uri":"/a","request":{"headers":{"x-api-keys":"no"},"head":{"x-api-key":"no"}}}"#,
        ]
        #expect(lines.map { probe.parse($0).fields["request.headers.x-api-key"] } == ["flat", "half", "split", ""])
        #expect(probe.parse(#"{"TIME":1700000000,"URI":"/Mixed/Case"}"#).path == "/Mixed/Case")
    }

    @Test func prefersSpecificRequestValuesOverGeneralOnes() throws {
        var probe = try FormatLineProbe(JSONLogFormat())
        let rewritten = probe.parse(#"{"time":1700000000,"request":"GET /asked?r=1 HTTP/1.1","uri":"/index.php"}"#)
        #expect((rewritten.method, rewritten.path, rewritten.query) == ("GET", "/asked", "r=1"))
        let pathOnly = probe.parse(#"{"time":1700000000,"request":"GET /a?x=1 HTTP/1.1","path":"/b"}"#)
        #expect((pathOnly.path, pathOnly.query) == ("/b", "x=1"))
        let separate = probe.parse(#"{"time":1700000000,"uri":"/a?x=1","args":"y=2","method":"PATCH"}"#)
        #expect((separate.method, separate.path, separate.query) == ("PATCH", "/a", "y=2"))
        let junkRequest = probe.parse(#"{"time":1700000000,"request":"\u0016\u0003\u0001","request_uri":"/c?d"}"#)
        #expect((junkRequest.result, junkRequest.path, junkRequest.query) == (.parsed, "/c", "d"))
        let absolute = probe.parse(#"{"time":1700000000,"url":"https://api.example.com:8443/v1/x?k=v","status":200}"#)
        #expect((absolute.path, absolute.query) == ("/v1/x", "k=v"))
    }

    @Test func treatsMissingNullAndDashAsEmpty() throws {
        var probe = try FormatLineProbe(JSONLogFormat(), fields: ["http_x_api_key", "cost"])
        let first = probe.parse(#"{"time":1700000000,"uri":"/a","http_x_api_key":"k","cost":3,"remote_user":"bob"}"#)
        #expect(first.fields == ["http_x_api_key": "k", "cost": "3"])
        #expect(first.remoteUser == "bob")
        let second = probe.parse(#"{"time":1700000000,"uri":"/a","http_x_api_key":null,"remote_user":"-","remote_addr":""}"#)
        #expect(second.result == .parsed)
        #expect(second.fields == ["http_x_api_key": "", "cost": ""])
        #expect((second.remoteUser, second.remoteAddress, second.status) == ("", "", 0))
        let fallback = probe.parse(#"{"time":1700000000,"uri":"/a","remote_addr":"","client_ip":"192.0.2.1"}"#)
        #expect(fallback.remoteAddress == "192.0.2.1")
    }

    @Test func refusesLinesWithoutTimeOrRequest() throws {
        var probe = try FormatLineProbe(JSONLogFormat(mapping: ["time": "when"]))
        #expect(probe.parse(#"{"time":1700000000,"uri":"/a"}"#).result
            == .malformed("no time field: map [log.json] time to the key that holds the request time"))
        #expect(FormatLineProbe.isMalformed(probe.parse(#"{"when":null,"uri":"/a"}"#).result))
        #expect(FormatLineProbe.isMalformed(probe.parse(#"{"when":"","uri":"/a"}"#).result))
        let startup = probe.parse(#"{"when":1700000000,"level":"info","msg":"server started"}"#)
        #expect(startup.result == .malformed("no request fields (request, uri, path, method or status): not an access-log entry"))
    }

    @Test func readsStatusAsNumberOrString() throws {
        var probe = try FormatLineProbe(JSONLogFormat())
        #expect(probe.parse(#"{"ts":1700000000,"uri":"/","status":404}"#).status == 404)
        #expect(probe.parse(#"{"ts":1700000000,"uri":"/","status":"502"}"#).status == 502)
        #expect(probe.parse(#"{"ts":1700000000,"uri":"/","status_code":301}"#).status == 301)
        #expect(probe.parse(#"{"ts":1700000000,"uri":"/","status":"OK"}"#).result == .malformed("the status is not an HTTP status (a whole number up to 999)"))
        #expect(probe.parse(#"{"ts":1700000000,"uri":"/","status":2000}"#).result == .malformed("the status is not an HTTP status (a whole number up to 999)"))
        #expect(FormatLineProbe.isMalformed(probe.parse(#"{"ts":1700000000,"uri":"/","status":200.5}"#).result))
        #expect(FormatLineProbe.isMalformed(probe.parse(#"{"ts":1700000000,"uri":"/","status":-1}"#).result))
        let statusOnly = probe.parse(#"{"ts":1700000000,"status":200}"#)
        #expect((statusOnly.result, statusOnly.path) == (.parsed, ""))
    }

    @Test func validatesMappingAndRequestedNames() throws {
        #expect(throws: FormatError.self) { try JSONLogFormat(mapping: ["time": ""]) }
        #expect(throws: FormatError.self) { try JSONLogFormat(mapping: ["remote_addr": "request..ip"]) }
        #expect(throws: FormatError.self) { try JSONLogFormat(mapping: ["x": "a."]) }
        do {
            _ = try JSONLogFormat(mapping: ["time": ".ts"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("[log.json] time: '.ts' has an empty segment"))
        }
        let format = try JSONLogFormat(mapping: ["key": "auth.key"])
        let catalog = try format.fieldCatalog(requesting: ["key", "a.b.c", "http_x_api_key", "key"])
        #expect(catalog.names == ["key", "a.b.c", "http_x_api_key"])
        #expect(catalog.index(of: "a.b.c") == 1)
        #expect(throws: FormatError.self) { try format.fieldCatalog(requesting: ["a..b"]) }
    }
}
