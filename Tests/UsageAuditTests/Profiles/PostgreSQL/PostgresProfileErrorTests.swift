import Testing
@testable import UsageAudit

@Suite("PostgreSQL profile errors")
struct PostgresProfileErrorTests {
    private static let password = "Tr1cky-Pass-Word-9"

    @Test func connectionRefusedSaysWhatToCheckAndHidesThePassword() throws {
        // Nothing listens on port 1 of the loopback address: the connection is refused at once.
        let reader = try PostgresProfileReader(
            url: "postgres://audit:\(Self.password)@127.0.0.1:1/whg?table=api_userapiprofile&sslmode=disable",
            environment: [:]
        )
        let error = #expect(throws: PostgresProfileError.connectionFailed(endpoint: "127.0.0.1:1", reason: "connection refused")) {
            _ = try reader.read()
        }
        let text = error?.description ?? ""
        #expect(text.contains("check that the server is running") && text.contains("PGHOST and PGPORT"))
        #expect(!text.contains(Self.password))
    }

    @Test func refusedConnectionsWithTheDefaultSSLModeAreReportedTheSameWay() throws {
        let reader = try PostgresProfileReader(
            url: "postgres://audit@127.0.0.1:1/whg?table=t", environment: ["PGPASSWORD": Self.password]
        )
        #expect(throws: PostgresProfileError.connectionFailed(endpoint: "127.0.0.1:1", reason: "connection refused")) {
            _ = try reader.read()
        }
    }

    @Test func noDescriptionContainsThePassword() {
        let errors: [PostgresProfileError] = [
            .invalidURL(reason: "the port is not a number from 1 to 65535"), .missingTable, .invalidTableName("t;"),
            .invalidSSLMode("x"), .missingUser, .tlsSetupFailed(reason: "no CA"),
            .connectionFailed(endpoint: "h:1", reason: "connection refused"), .tlsUnavailable(endpoint: "h:1"),
            .authenticationFailed(user: "u", endpoint: "h:1"), .passwordRequired(user: "u", endpoint: "h:1"),
            .unsupportedAuthentication(user: "u", endpoint: "h:1"), .databaseNotFound(database: "d", endpoint: "h:1"),
            .tableNotFound(table: "t", database: "d"), .permissionDenied(table: "t", user: "u"),
            .unreadableValue(table: "t", row: 1, column: "c"), .queryFailed(table: "t", reason: "r"),
        ]
        for error in errors {
            #expect(!error.description.contains(Self.password))
            #expect(error.description.count > 40, "\(error) should say what to check")
        }
    }

    @Test func authenticationFailureNamesWhatToCheck() {
        let text = PostgresProfileError.authenticationFailed(user: "audit", endpoint: "db:5432").description
        #expect(text.contains("'audit'") && text.contains("db:5432") && text.contains("PGPASSWORD") && text.contains("pg_hba.conf"))
    }

    @Test func missingTableNamesTheTableAndTheDatabase() {
        let text = PostgresProfileError.tableNotFound(table: "api_profile", database: "whg").description
        #expect(text.contains("'api_profile'") && text.contains("'whg'") && text.contains("?table="))
    }

    @Test func redactionReplacesEveryOccurrence() {
        let text = PostgresProfileError.redacting("pw1", in: "a pw1 b pw1")
        #expect(text == "a *** b ***")
        #expect(PostgresProfileError.redacting(nil, in: "pw1") == "pw1")
        #expect(PostgresProfileError.redacting("", in: "pw1") == "pw1")
    }

    @Test(arguments: [
        "postgres://u:\(password)@h:notaport/d?table=t",
        "postgres://u:\(password)/x@h/d?table=t",
        "postgres://u:\(password)?x@h/d?table=t",
        "postgres://u:pre?\(password)=1@h/d?table=t",
        "postgres://u:\(password)@[::1/d?table=t",
        "postgres://u:\(password)%zz@h/d?table=t",
    ])
    func malformedURLsNeverEchoThePassword(url: String) {
        do {
            _ = try PostgresProfileReader(url: url, environment: [:])
            Issue.record("\(url) should have been refused")
        } catch {
            #expect(!error.description.contains(Self.password))
            #expect(!error.description.contains("Pass-Word"))
        }
    }

    @Test func printingOrDumpingAReaderNeverShowsThePassword() throws {
        let reader = try PostgresProfileReader(url: "postgres://audit:\(Self.password)@h/d?table=t", environment: [:])
        var dumped = ""
        dump(reader, to: &dumped)
        #expect(!dumped.contains(Self.password))
        #expect(!String(describing: reader).contains(Self.password))
        #expect(!String(reflecting: reader).contains(Self.password))
        #expect(reader.displaySource == "postgres://audit@h:5432/d?table=t")
    }
}
