import Testing
@testable import UsageAudit

@Suite struct W3CFieldNameTests {
    @Test func spellsHeaderFieldsTheNginxWay() {
        #expect(W3CFieldName.canonical("cs(X-Api-Key)") == "http_x_api_key")
        #expect(W3CFieldName.canonical("CS(User-Agent)") == "http_user_agent")
        #expect(W3CFieldName.canonical("sc(Content-Type)") == "sent_http_content_type")
        #expect(W3CFieldName.canonical("rs(X-Units)") == "upstream_http_x_units")
        #expect(W3CFieldName.canonical("http_x_api_key") == "http_x_api_key")
        #expect(W3CFieldName.canonical("cs()") == "cs()")
    }

    @Test func knowsStandardFieldsByBothNames() {
        #expect(W3CFieldName.canonical("c-ip") == W3CFieldName.canonical("remote_addr"))
        #expect(W3CFieldName.canonical("cs-uri-query") == W3CFieldName.canonical("query_string"))
        #expect(W3CFieldName.canonical("cs-uri-query") == W3CFieldName.canonical("args"))
        #expect(W3CFieldName.canonical("x-forwarded-for") == W3CFieldName.canonical("cs(X-Forwarded-For)"))
        #expect(W3CFieldName.canonical("Time-Taken") == "time-taken")
        #expect(W3CFieldName.role(ofCanonical: W3CFieldName.canonical("SC-STATUS")) == .status)
        #expect(W3CFieldName.role(ofCanonical: W3CFieldName.canonical("cs-uri-stem")) == .uriStem)
        #expect(W3CFieldName.role(ofCanonical: W3CFieldName.canonical("s-ip")) == .other)
    }
}
