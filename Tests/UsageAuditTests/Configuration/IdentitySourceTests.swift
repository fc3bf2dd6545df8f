import Testing
@testable import UsageAudit

@Suite("IdentitySource parsing")
struct IdentitySourceTests {
    @Test("user, query:NAME and field:NAME", arguments: [
        ("user", IdentitySource.user),
        ("query:api_key", .query("api_key")),
        ("query:k", .query("k")),
        ("field:http_x_api_key", .field("http_x_api_key")),
        ("field:a:b", .field("a:b")),
    ])
    func parses(text: String, expected: IdentitySource) {
        #expect(IdentitySource(text) == expected)
    }

    @Test("refused spellings", arguments: ["", "User", "USER", "users", "query:", "field:", "query", "header:x", " user", "ip"])
    func refuses(text: String) {
        #expect(IdentitySource(text) == nil)
    }

    @Test("only keys are secrets")
    func isKey() {
        #expect(!IdentitySource.user.isKey)
        #expect(IdentitySource.query("api_key").isKey)
        #expect(IdentitySource.field("http_x_api_key").isKey)
    }
}
