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
