import Testing
@testable import UsageAudit

@Suite struct SecretRedactorTests {
    let redactor = SecretRedactor(identity: IdentitySettings(sources: [.user, .query("api_key"), .field("http_x_api_key")]))

    @Test("the value of an identity query parameter keeps only six characters")
    func queryParameter() {
        let line = #"1.2.3.4 - - [x] "GET /api/v1/geocode?q=berlin&api_key=short-key9 HTTP/1.1" 200"#
        let text = redactor.redact(line)
        #expect(text.contains("api_key=short-…"))
        #expect(!text.contains("short-key9"))
        #expect(text.contains("q=berlin"))
    }

    @Test("long opaque tokens are masked wherever they stand; words, paths and dates are kept")
    func opaqueTokens() {
        let key = "b49dc06a72e3eda10d44b1cb42283324"
        let uuid = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
        let line = #"1.2.3.4 - - [21/Nvo/2026:08:02:51 +0100] "GET /api/v1/geocode/reverse HTTP/1.1" 200 12 "-" "Mozilla/5.0" "\#(key)" \#(uuid)"#
        let text = redactor.redact(line)
        #expect(!text.contains(key))
        #expect(text.contains("b49dc0…"))
        #expect(!text.contains(uuid))
        #expect(text.contains("a1b2c3…"))
        #expect(text.contains("/api/v1/geocode/reverse"))
        #expect(text.contains("21/Nvo/2026:08:02:51"))
        #expect(text.contains("Mozilla/5.0"))
    }

    @Test("a long token of letters only is not a key")
    func lettersOnly() {
        #expect(redactor.redact("internationalization") == "internationalization")
    }
}

@Suite struct SecretRedactorShortKeyTests {
    @Test("a short key of the key directory is masked wherever it stands")
    func knownShortKey() {
        let redactor = SecretRedactor(identity: IdentitySettings(sources: [.user]), keys: KeyDirectory(users: ["k1234567890": "ann"]))
        let text = redactor.redact(#"1.2.3.4 - - [bad time] "GET /x HTTP/1.1" 200 1 "-" "-" "k1234567890""#)
        #expect(!text.contains("k1234567890"))
        #expect(text.contains("k12345…"))
    }

    @Test("the value of a JSON member named like an identity field is masked, whatever its length")
    func jsonMember() {
        let redactor = SecretRedactor(identity: IdentitySettings(sources: [.field("http_x_api_key")]))
        let text = redactor.redact(#"{"time": "garbage", "X-Api-Key" : "short9key", "path": "/api/v1/geocode"}"#)
        #expect(!text.contains("short9key"))
        #expect(text.contains(#""X-Api-Key" : "short9…""#))
        #expect(text.contains(#""path": "/api/v1/geocode""#))
    }
}

/// Keys where logs other than Apache's put them (found by a walkthrough: each was quoted whole).
@Suite struct SecretRedactorLogShapeTests {
    static let key = "k3Jd8+Zq/P0wLm5nR7tY=="
    let query = SecretRedactor(identity: IdentitySettings(sources: [.query("api_key")]))

    @Test("a query parameter at the start of a logged query ($args, W3C's cs-uri-query) or after a JSON-escaped &", arguments: [
        #"{"time":"2026-11-21T10:00:00Z","uri":"/a","args":"api_key=\#(key)","status":"#,
        #"{"RequestPath":"/a?x=1\u0026api_key=\#(key)","DownstreamStatus":"#,
        "2026-11-20 10:00:00 /a api_key=\(key)",
        "2026-11-20\t10:00:00\t/a\tapi_key=\(key)\t200",
        "GET /a?x=1%26api_key=\(key) HTTP/1.1",
    ])
    func queryParameterAnywhere(line: String) {
        let text = query.redact(line)
        #expect(!text.contains("P0wLm5nR7tY"), "\(text)")
        #expect(text.contains("api_key=k3Jd8+…"), "\(text)")
    }

    @Test("a parameter whose name only ends like the identity one is left alone")
    func parameterNameBoundary() {
        #expect(query.redact("/a?my_api_key=visible-1 x") == "/a?my_api_key=visible-1 x")
    }

    @Test("a header logged as an array (Caddy), under the member its [log.json] path names")
    func arrayMember() {
        let redactor = SecretRedactor(
            identity: IdentitySettings(sources: [.field("api_token")]), jsonPaths: ["api_token": "request.headers.Authorization"])
        let line = #"{"request":{"headers":{"Authorization":["Bearer-abc", "second-key"],"X":["kept"]}},"status":"#
        let text = redactor.redact(line)
        #expect(!text.contains("Bearer-abc") && !text.contains("second-key"), "\(text)")
        #expect(text.contains(#""Authorization":["Bearer…", "second…"]"#), "\(text)")
        #expect(text.contains(#""X":["kept"]"#), "\(text)")
    }

    @Test("a base64 key in a field of its own (a template's header field) is masked; a path is not")
    func base64Token() {
        let text = query.redact(#"1.1.1.1 [20/Nov/2026:10:00:00 +0000] "GET /api/v1/geocode/search HTTP/1.1" 2x0 "\#(Self.key)""#)
        #expect(!text.contains("P0wLm5nR7tY"), "\(text)")
        #expect(text.contains(#""k3Jd8+…""#), "\(text)")
        #expect(text.contains("/api/v1/geocode/search"), "\(text)")
    }

    @Test("user agents, referrers and name=value pairs are no base64 keys", arguments: [
        "python-requests/2.31.0", "Apache-HttpClient/4.5.13", "Go-http-client/1.1",
        "https://maps.example.com/embed/v2/widget2024", "?tier2=premium", "a=b&t2=premium+plus",
    ])
    func notBase64(text: String) {
        #expect(query.redact(text) == text)
    }

    @Test("in a quoted line, a parameter value of six characters or fewer shows half of it")
    func shortKeys() {
        #expect(query.redact("/a?api_key=CFKEY1 x") == "/a?api_key=CFK… x")
        #expect(query.redact("/a?api_key=AK1&b=2") == "/a?api_key=A…&b=2")
    }

    @Test("keys that start alike: the longest that stands there is masked, each where it stands")
    func keysStartingAlike() {
        let keys = KeyDirectory(users: ["abcd1234xyz": "ann", "abcd12": "bob", "zz": "cyd"])
        let redactor = SecretRedactor(identity: IdentitySettings(sources: [.user]), keys: keys)
        #expect(redactor.redact("abcd1234xyz abcd12 abcd zz xzz") == "abcd12… abc… abcd z… xzz")
        #expect(redactor.redact("(abcd1234xyz)") == "(abcd12…)")
    }

    @Test("two known keys that overlap (one's end the other's start) both stay hidden")
    func overlappingKeys() {
        let keys = KeyDirectory(users: ["qwer1111tyui": "ann", "tyui2222opas3333": "bob"])
        let redactor = SecretRedactor(identity: IdentitySettings(sources: [.user]), keys: keys)
        #expect(redactor.redact("BAD qwer1111tyui2222opas3333 end") == "BAD qwer11…22… end")
    }

    @Test("a short key of the key directory is masked only where it stands alone, not inside words or other tokens")
    func shortKnownKeys() {
        let known = SecretRedactor(identity: IdentitySettings(sources: [.user]), keys: KeyDirectory(users: ["ab": "ann", "AK1x": "bob"]))
        #expect(known.redact("bad line AK1x here") == "bad line AK… here")
        #expect(known.redact("q=about+tables and \"ab\"") == "q=about+tables and \"a…\"")
        // The token around a short key is masked as a whole, not cut in two (which would show most of it).
        let text = known.redact(#""curl/8" "Q7rT9mK2pL5nWabX" broken"#)
        #expect(text.contains("\"Q7rT9m…\""), "\(text)")
    }
}
