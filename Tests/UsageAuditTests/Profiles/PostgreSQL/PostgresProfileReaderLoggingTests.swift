import Foundation
import Testing
@testable import UsageAudit

@Suite(
    "PostgreSQL profile reads never log the password",
    .enabled(if: PostgresTestServer.isConfigured, "no PostgreSQL server configured: eval \"$(scripts/postgres-test-server start)\"")
)
struct PostgresProfileReaderLoggingTests {
    @Test func aSuccessfulReadLogsNoPassword() throws {
        let password = try #require(PostgresTestServer.settings().password, "the test server must ask for a password")
        let schema = try PostgresScratchSchema { s in [
            "CREATE TABLE \(s).profiles (id int PRIMARY KEY, username text)",
            "INSERT INTO \(s).profiles VALUES (1, 'alice')",
        ] }
        defer { schema.drop() }
        let capture = LogCapture()
        let url = try PostgresTestServer.explicitURL(table: "\(schema.name).profiles", password: password)

        let rows = try PostgresProfileReader(url: url, environment: [:], logger: capture.logger()).read()

        #expect(rows.count == 1)
        #expect(capture.lines.count > 10, "trace logging should have said something")
        #expect(capture.lines.allSatisfy { !$0.contains(password) })
    }

    @Test func aRefusedLoginLogsNoPassword() throws {
        let wrong = "Logged-Wrong-Pw-" + UUID().uuidString.prefix(6)
        let capture = LogCapture()
        let url = try PostgresTestServer.explicitURL(table: "t", password: wrong)
        let reader = try PostgresProfileReader(url: url, environment: [:], logger: capture.logger())

        #expect(throws: PostgresProfileError.self) { _ = try reader.read() }

        #expect(!capture.lines.isEmpty)
        #expect(capture.lines.allSatisfy { !$0.contains(wrong) })
    }
}
