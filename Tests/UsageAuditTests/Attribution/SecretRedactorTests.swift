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
