import Testing
@testable import UsageAudit

@Suite("PostgreSQL table names")
struct PostgresTableNameTests {
    @Test func quotesATableName() throws {
        let name = try PostgresTableName("api_userapiprofile")
        #expect(name.schema == nil)
        #expect(name.quoted == "\"api_userapiprofile\"")
        #expect(name.description == "api_userapiprofile")
    }

    @Test func quotesASchemaQualifiedName() throws {
        let name = try PostgresTableName("audit.Profiles$2")
        #expect(name.schema == "audit" && name.table == "Profiles$2")
        #expect(name.quoted == "\"audit\".\"Profiles$2\"")
    }

    @Test func acceptsTheLongestIdentifier() throws {
        let longest = "_" + String(repeating: "a", count: 62)
        #expect(try PostgresTableName(longest).table == longest)
        #expect(throws: PostgresProfileError.invalidTableName(longest + "a")) { try PostgresTableName(longest + "a") }
    }

    @Test(arguments: [
        "profiles; DROP TABLE users", "profiles--", "x\" ; DROP TABLE y; --", "x'", "a.b.c", ".t", "t.",
        "", "1table", "$t", "pro files", "t)", "t/*", "pg_catalog.pg_authid WHERE 1=1", "tablé", "t\u{0}",
    ])
    func refusesAnythingButIdentifiers(name: String) {
        #expect(throws: PostgresProfileError.invalidTableName(name)) { try PostgresTableName(name) }
    }

    @Test func theReaderRefusesAnInjectedTableBeforeConnecting() {
        let url = "postgres://u:pw@127.0.0.1:1/d?table=profiles%3B%20DROP%20TABLE%20users"
        #expect(throws: PostgresProfileError.invalidTableName("profiles; DROP TABLE users")) {
            _ = try PostgresProfileReader(url: url, environment: [:])
        }
    }

    @Test func quotingDoublesEmbeddedQuotes() {
        #expect(PostgresTableName.quote("we\"ird") == "\"we\"\"ird\"")
    }
}
