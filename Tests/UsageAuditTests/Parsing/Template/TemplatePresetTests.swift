import Foundation
import Testing
@testable import UsageAudit

@Suite("Template presets")
struct TemplatePresetTests {
    @Test("common reads NCSA lines with host names, a missing protocol and '-' bytes")
    func common() throws {
        var harness = try TemplateHarness("common")
        let line = harness.parse(#"in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news/sts-68-mcc-05.txt HTTP/1.0" 200 1839"#)
        #expect(line.isParsed)
        #expect(line.remoteAddress == "in24.inetnebr.com")
        #expect(line.remoteUser == "")
        #expect(line.timestamp == utcSeconds(1995, 8, 1, 4, 0, 1))
        #expect(line.method == "GET")
        #expect(line.path == "/shuttle/missions/sts-68/news/sts-68-mcc-05.txt")
        #expect(line.status == 200)
        #expect(line.fields["body_bytes_sent"] == "1839")

        let noProtocol = harness.parse(#"204.238.216.51 - - [01/Aug/1995:07:54:42 -0400] "GET /ksc.html" 304 -"#)
        #expect(noProtocol.isParsed)
        #expect(noProtocol.path == "/ksc.html")
        #expect(noProtocol.fields["body_bytes_sent"] == "")
    }

    @Test("combined reads referer, user agent and a query")
    func combined() throws {
        var harness = try TemplateHarness("combined")
        let line = harness.parse(
            #"142.116.100.251 - - [04/Oct/2024:00:43:53 +0000] "OPTIONS /v1-list-all-tasks/66f1d28365c85844abd12bcd?status=all&date=2024-10-03 HTTP/1.1" 200 8 "https://time.fyi/" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36""#)
        #expect(line.isParsed)
        #expect(line.method == "OPTIONS")
        #expect(line.path == "/v1-list-all-tasks/66f1d28365c85844abd12bcd")
        #expect(line.query == "status=all&date=2024-10-03")
        #expect(line.fields["http_referer"] == "https://time.fyi/")
        #expect(line.fields["http_user_agent"]?.hasSuffix("Safari/537.36") == true)
        #expect(line.fields["args"] == "status=all&date=2024-10-03")
        #expect(line.fields["request_method"] == "OPTIONS")
        #expect(line.timestamp == utcSeconds(2024, 10, 4, 0, 43, 53))
    }

    @Test("combined counts empty and junk request lines as parsed requests")
    func combinedOddRequests() throws {
        var harness = try TemplateHarness("combined")
        let empty = harness.parse(#"35.215.119.79 - - [19/Apr/2025:12:01:50 +0100] "" 400 0 "-" "-""#)
        #expect(empty.isParsed)
        #expect(empty.status == 400)
        #expect(empty.method == "" && empty.path == "")
        #expect(empty.fields["http_user_agent"] == "")

        let junk = harness.parse(
            #"147.45.112.17 - - [04/Oct/2024:01:02:51 +0000] "\x03\x00\x00/*\xE0\x00\x00\x00\x00\x00Cookie: mstshash=Administr" 400 166 "-" "-""#)
        #expect(junk.isParsed)
        #expect(junk.status == 400)

        let dash = harness.parse(#"92.83.110.130 - - [02/Sep/2015:14:57:20 +0200] "-" 408 - "-" "-""#)
        #expect(dash.isParsed)
        #expect(dash.path == "")
    }

    @Test("combined rejects a user agent cut off before its closing quote")
    func combinedTruncated() throws {
        var harness = try TemplateHarness("combined")
        let line = harness.parse(
            #"46.118.127.106 - - [20/May/2015:12:05:17 +0000] "GET /scripts/grok-py-test/configlib.py HTTP/1.1" 200 235 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html"#)
        #expect(line.hint?.contains("end with '\"'") == true)
    }

    @Test("vcombined reads the virtual host with and without a port")
    func vcombined() throws {
        var harness = try TemplateHarness("vcombined")
        let withPort = harness.parse(
            #"api.example.com:443 203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] "GET /v1/geocode?q=Paris HTTP/1.1" 200 2326 "-" "curl/8.0""#)
        #expect(withPort.isParsed)
        #expect(withPort.fields["server_name"] == "api.example.com")
        #expect(withPort.fields["server_port"] == "443")
        #expect(withPort.remoteAddress == "203.0.113.9")
        #expect(withPort.remoteUser == "alice")
        #expect(withPort.fields["bytes_sent"] == "2326")
        #expect(withPort.timestamp == utcSeconds(2000, 10, 10, 20, 55, 36))

        let withoutPort = harness.parse(
            #"api.example.com 203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /v1/geocode HTTP/1.1" 200 2326 "-" "curl/8.0""#)
        #expect(withoutPort.isParsed)
        #expect(withoutPort.fields["server_name"] == "api.example.com")
        #expect(withoutPort.fields["server_port"] == "")
        #expect(withoutPort.remoteAddress == "203.0.113.9")
    }

    @Test("elb reads the 2015 layout that ends after the request")
    func elbShort() throws {
        var harness = try TemplateHarness("elb")
        let line = harness.parse(
            #"2015-03-08T16:35:33.465313Z atombrenner-ELB 66.249.81.123:63235 10.0.161.12:9000 0.000033 0.00082 0.000016 200 200 0 0 "OPTIONS http://www.atombrenner.de:80/atombrenner/list/V+4a4adadf-269f-41a7-a092-84632173d7c9?since=2014-03-08T16%3A35%3A25.796Z HTTP/1.1""#)
        #expect(line.isParsed)
        #expect(line.timestamp == utcSeconds(2015, 3, 8, 16, 35, 33))
        #expect(line.remoteAddress == "66.249.81.123:63235")
        #expect(line.method == "OPTIONS")
        #expect(line.path == "/atombrenner/list/V+4a4adadf-269f-41a7-a092-84632173d7c9")
        #expect(line.query == "since=2014-03-08T16%3A35%3A25.796Z")
        #expect(line.status == 200)
        #expect(line.fields["backend_addr"] == "10.0.161.12:9000")
        #expect(line.fields["http_user_agent"] == "")
    }

    @Test("a status of '-' (no response logged: an ELB TCP listener) is no status, not a malformed line")
    func absentStatus() throws {
        var elb = try TemplateHarness("elb")
        let tcp = elb.parse(#"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 82 305 "- - - " "-" - -"#)
        #expect(tcp.isParsed, "\(String(describing: tcp.hint))")
        #expect(tcp.status == 0 && tcp.remoteAddress == "192.168.131.39:2817")
        var nginx = try TemplateHarness(#"$remote_addr - $remote_user [$time_local] "$request" $status"#)
        #expect(nginx.parse(#"1.2.3.4 - ana [10/Oct/2026:13:55:36 +0000] "GET /x HTTP/1.1" -"#).status == 0)
        #expect(nginx.parse(#"1.2.3.4 - ana [10/Oct/2026:13:55:36 +0000] "GET /x HTTP/1.1" 2x0"#).hint?.contains("3-digit status") == true)
    }

    @Test("elb reads the full layout, a backend timeout and extra trailing fields")
    func elbFull() throws {
        var harness = try TemplateHarness("elb")
        let full = harness.parse(
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0 (x86_64) \"quoted\"" DHE-RSA-AES128-SHA TLSv1.2"#)
        #expect(full.isParsed)
        #expect(full.fields["http_user_agent"] == #"curl/7.38.0 (x86_64) \"quoted\""#)
        #expect(full.fields["ssl_cipher"] == "DHE-RSA-AES128-SHA")
        #expect(full.fields["ssl_protocol"] == "TLSv1.2")
        #expect(full.path == "/")

        let timeout = harness.parse(
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 - -1 -1 -1 504 0 0 0 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -"#)
        #expect(timeout.isParsed)
        #expect(timeout.status == 504)
        #expect(timeout.fields["backend_addr"] == "")
        #expect(timeout.fields["backend_status_code"] == "0")
        #expect(timeout.fields["ssl_protocol"] == "")

        let longer = harness.parse(
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - - "future" field"#)
        #expect(longer.isParsed)
        #expect(longer.fields["ssl_protocol"] == "")
        #expect(longer.fields["http_user_agent"] == "curl/7.38.0")

        let cut = harness.parse(#"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073"#)
        #expect(cut.hint != nil)
    }

    static let albLine =
        #"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/api/v1/geocode?api_key=abc123&q=x HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-" TID_1234abcd5678ef90"#

    @Test("alb reads every field of the current layout")
    func albFull() throws {
        var harness = try TemplateHarness("alb")
        let line = harness.parse(Self.albLine)
        #expect(line.isParsed)
        #expect(line.timestamp == utcSeconds(2018, 7, 2, 22, 23, 0))
        #expect(line.fields["type"] == "https")
        #expect(line.remoteAddress == "192.168.131.39:2817")
        #expect(line.path == "/api/v1/geocode")
        #expect(line.query == "api_key=abc123&q=x")
        #expect(line.fields["trace_id"] == "Root=1-58337281-1d84f3d73c47ec4e58577259")
        #expect(line.fields["domain_name"] == "www.example.com")
        #expect(line.fields["actions_executed"] == "authenticate,forward")
        #expect(line.fields["target_status_code_list"] == "200")
        #expect(line.fields["conn_trace_id"] == "TID_1234abcd5678ef90")
    }

    @Test("alb reads lines with fewer or more trailing fields")
    func albTrailing() throws {
        var harness = try TemplateHarness("alb")
        let fewer = harness.parse(String(Self.albLine.dropLast(" TID_1234abcd5678ef90".count)))
        #expect(fewer.isParsed)
        #expect(fewer.fields["target_status_code_list"] == "200")
        #expect(fewer.fields["conn_trace_id"] == "")

        let quoteCut = harness.parse(String(Self.albLine.split(separator: " \"10.0.0.1:80\"")[0]))
        #expect(quoteCut.isParsed)
        #expect(quoteCut.fields["redirect_url"] == "")

        let more = harness.parse(Self.albLine + #" "new-field" 7"#)
        #expect(more.isParsed)
        #expect(more.fields["conn_trace_id"] == "TID_1234abcd5678ef90")
    }

    @Test("every preset is listed and compiles; an unknown word is an unknown preset")
    func presetTable() throws {
        let names = TemplateLogFormat.presets.map(\.name)
        #expect(names == ["common", "combined", "vcombined", "elb", "alb"])
        for preset in TemplateLogFormat.presets {
            _ = try TemplateLogFormat(preset.name)
            _ = try TemplateLogFormat(preset.template)
        }
        #expect(throws: FormatError.unknownPreset("combinedd", known: names)) { try TemplateLogFormat("combinedd") }
        #expect(try TemplateLogFormat(" Combined ").program.fieldNames.contains("http_user_agent"))
    }

    @Test("a misspelt format name is refused with the nearest name, the key and its line, and every format there is")
    func misspeltName() throws {
        let configuration = try ConfigurationLoader.parse(text: "# audit\n[log]\nformat = \"combind\"\n")
        do {
            _ = try Audit(configuration: configuration)
            Issue.record("'combind' was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("'log.format' (line 3): unknown log format 'combind': did you mean 'combined'?"), "\(message)")
            #expect(message.contains("json") && message.contains("w3c") && message.contains("alb"), "\(message)")
        }
        // A field other keys ask for is named by them, not by the format's line.
        let field = try ConfigurationLoader.parse(text: "[log]\nformat = \"combined\"\n[identity]\nfrom = [\"field:nope\"]\n")
        #expect(throws: AuditError.self) { try Audit(configuration: field) }
        do { _ = try Audit(configuration: field) } catch { #expect(!"\(error)".hasPrefix("'log.format'"), "\(error)") }
    }
}
