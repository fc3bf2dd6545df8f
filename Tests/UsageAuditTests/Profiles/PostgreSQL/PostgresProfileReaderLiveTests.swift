import Foundation
import Testing
@testable import UsageAudit

@Test func aPostgreSQLServerIsConfiguredWhenCIRequiresOne() {
    if PostgresTestServer.isRequired {
        #expect(
            PostgresTestServer.isConfigured,
            "USAGE_AUDIT_REQUIRE_POSTGRES=1 but neither PGHOST nor USAGE_AUDIT_POSTGRES_URL is set: CI must start PostgreSQL: eval \"$(scripts/postgres-test-server start)\""
        )
    }
}

@Suite(
    "PostgreSQL profile tables, read from a live server",
    .enabled(if: PostgresTestServer.isConfigured, "no PostgreSQL server configured: eval \"$(scripts/postgres-test-server start)\"")
)
struct PostgresProfileReaderLiveTests {
    private static let wrongPassword = "Wr0ng-Pa55-" + UUID().uuidString.prefix(6)

    @Test func readsADjangoProfileTableInPrimaryKeyOrder() throws {
        let table = "api_userapiprofile_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresTestServer.execute([
            """
            CREATE TABLE \(table) (
              id serial PRIMARY KEY, user_id integer, username varchar(150) NOT NULL,
              daily_count integer NOT NULL DEFAULT 0, daily_limit integer, total_count bigint,
              last_reset timestamptz)
            """,
            """
            INSERT INTO \(table) VALUES
              (3, 30, 'O''Brien', 5, 100, 1234567890123, '2026-11-20 09:30:00.25+01'),
              (1, 10, 'alice', 0, NULL, NULL, NULL),
              (2, NULL, 'Zoë "the" admin', 4999, 5000, 9223372036854775807, '1999-12-31 23:59:59+00')
            """,
        ])
        defer { try? PostgresTestServer.execute(["DROP TABLE \(table)"]) }

        // Everything but the table from the PG* variables (or the configured URL).
        let rows = try PostgresProfileReader(url: PostgresTestServer.url(table: table)).read()

        #expect(rows == [
            ProfileRow(values: [
                "id": .integer(1), "user_id": .integer(10), "username": .text("alice"), "daily_count": .integer(0),
                "daily_limit": .null, "total_count": .null, "last_reset": .null,
            ], origin: "table \(table) row 1"),
            ProfileRow(values: [
                "id": .integer(2), "user_id": .null, "username": .text("Zoë \"the\" admin"), "daily_count": .integer(4999),
                "daily_limit": .integer(5000), "total_count": .integer(.max), "last_reset": .text("1999-12-31T23:59:59Z"),
            ], origin: "table \(table) row 2"),
            ProfileRow(values: [
                "id": .integer(3), "user_id": .integer(30), "username": .text("O'Brien"), "daily_count": .integer(5),
                "daily_limit": .integer(100), "total_count": .integer(1_234_567_890_123),
                "last_reset": .text("2026-11-20T08:30:00.25Z"),
            ], origin: "table \(table) row 3"),
        ])
    }

    @Test func readsALongLayoutTableWithReservedColumnNames() throws {
        let schema = try PostgresScratchSchema { s in [
            """
            CREATE TABLE \(s).profiles ("user" text, scope text, period text, "limit" bigint, used bigint,
              total bigint, hard boolean, snapshot_at timestamptz)
            """,
            """
            INSERT INTO \(s).profiles VALUES
              ('alice', 'all', 'day', 5000, 120, 98000, true, '2026-11-20 12:00:00+00'),
              ('bob''s bot', 'isolines', 'month', NULL, 0, NULL, false, NULL),
              ('carol', 'all', 'day', -1, NULL, 7, NULL, '2026-02-28 23:59:59.999999-05')
            """,
        ] }
        defer { schema.drop() }
        let table = "\(schema.name).profiles"
        let url = try PostgresTestServer.explicitURL(table: table, password: PostgresTestServer.settings().password, "layout=long")
        let reader = try PostgresProfileReader(url: url, environment: [:])
        #expect(reader.layout == "long")

        let rows = try reader.read()

        #expect(Set(rows.map(\.values)) == [
            ["user": .text("alice"), "scope": .text("all"), "period": .text("day"), "limit": .integer(5000),
             "used": .integer(120), "total": .integer(98000), "hard": .boolean(true), "snapshot_at": .text("2026-11-20T12:00:00Z")],
            ["user": .text("bob's bot"), "scope": .text("isolines"), "period": .text("month"), "limit": .null,
             "used": .integer(0), "total": .null, "hard": .boolean(false), "snapshot_at": .null],
            ["user": .text("carol"), "scope": .text("all"), "period": .text("day"), "limit": .integer(-1),
             "used": .null, "total": .integer(7), "hard": .null, "snapshot_at": .text("2026-03-01T04:59:59.999999Z")],
        ])
        #expect(rows.map(\.origin) == (1...3).map { "table \(table) row \($0)" })
    }

    @Test func convertsEveryColumnType() throws {
        let schema = try PostgresScratchSchema { s in [
            "CREATE DOMAIN \(s).positive AS integer CHECK (VALUE > 0)",
            "CREATE TYPE \(s).tier AS ENUM ('free', 'pro')",
            """
            CREATE TABLE \(s).types (id int PRIMARY KEY, small smallint, ratio double precision, weight real,
              price numeric(12,3), odd numeric, active boolean, joined date, local_seen timestamp, seen timestamptz,
              code char(3), label name, settings jsonb, key uuid, span interval, tags text[], level \(s).positive,
              plan \(s).tier, raw bytea)
            """,
            """
            INSERT INTO \(s).types VALUES
              (1, -32768, 0.1, 1.5, 1500.250, 'NaN', true, '2026-02-28', '2026-11-20 23:59:59.5', 'infinity', 'ab',
               'nm', '{"a": [1, 2]}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '1 day 02:00:00', '{a,"b c"}', 7, 'pro', '\\x0102'),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            """,
        ] }
        defer { schema.drop() }
        let rows = try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).types")).read()
        try #require(rows.count == 2)

        var first = rows[0].values
        guard case .number(let odd)? = first.removeValue(forKey: "odd") else {
            Issue.record("numeric NaN should be a number, got \(String(describing: rows[0]["odd"]))")
            return
        }
        #expect(odd.isNaN)
        #expect(first == [
            "id": .integer(1), "small": .integer(-32768), "ratio": .number(0.1), "weight": .number(1.5),
            "price": .number(1500.25), "active": .boolean(true), "joined": .text("2026-02-28"),
            "local_seen": .text("2026-11-20T23:59:59.5"), "seen": .text("infinity"), "code": .text("ab "),
            "label": .text("nm"), "settings": .text("{\"a\": [1, 2]}"), "key": .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            "span": .text("1 day 02:00:00"), "tags": .text("{a,\"b c\"}"), "level": .integer(7), "plan": .text("pro"),
            "raw": .text("\\x0102"),
        ])
        #expect(rows[1].values.count == 19)
        #expect(rows[1].values.filter { $0.key != "id" }.allSatisfy { $0.value == .null })
    }

    @Test func readsMixedCaseNamesExactlyAsWritten() throws {
        let schema = try PostgresScratchSchema { s in [
            "CREATE TABLE \(s).\"Quotas\" (\"UserName\" text)",
            "INSERT INTO \(s).\"Quotas\" VALUES ('dora')",
        ] }
        defer { schema.drop() }
        let rows = try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).Quotas")).read()
        #expect(rows == [ProfileRow(values: ["UserName": .text("dora")], origin: "table \(schema.name).Quotas row 1")])
        #expect(throws: PostgresProfileError.tableNotFound(table: "\(schema.name).quotas", database: try PostgresTestServer.settings().database)) {
            _ = try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).quotas")).read()
        }
    }

    @Test func readsAnEmptyTable() throws {
        let schema = try PostgresScratchSchema { s in ["CREATE TABLE \(s).empty (id serial PRIMARY KEY, username text)"] }
        defer { schema.drop() }
        #expect(try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).empty")).read().isEmpty)
    }

    @Test func aMissingTableIsNamedWithItsDatabase() throws {
        let schema = try PostgresScratchSchema { _ in [] }
        defer { schema.drop() }
        let database = try PostgresTestServer.settings().database
        for table in ["\(schema.name).no_such_profiles", "no_such_schema_ua.profiles", "ua_no_such_table_anywhere"] {
            #expect(throws: PostgresProfileError.tableNotFound(table: table, database: database)) {
                _ = try PostgresProfileReader(url: PostgresTestServer.url(table: table)).read()
            }
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let settings = try PostgresTestServer.settings()
        let url = try PostgresTestServer.explicitURL(table: "t", password: Self.wrongPassword)
        let reader = try PostgresProfileReader(url: url, environment: [:])
        do {
            _ = try reader.read()
            Issue.record("the server accepted a wrong password: the tests need a server that asks for passwords")
        } catch {
            #expect(error == .authenticationFailed(user: settings.user, endpoint: settings.endpoint))
            #expect(error.description.contains("PGPASSWORD"))
            #expect(!error.description.contains(Self.wrongPassword))
            if let real = settings.password { #expect(!error.description.contains(real)) }
        }
    }

    @Test func aMissingPasswordIsAskedFor() throws {
        let settings = try PostgresTestServer.settings()
        let url = try PostgresTestServer.explicitURL(table: "t", password: nil)
        #expect(throws: PostgresProfileError.passwordRequired(user: settings.user, endpoint: settings.endpoint)) {
            _ = try PostgresProfileReader(url: url, environment: [:]).read()
        }
    }

    @Test func aMissingDatabaseIsNamed() throws {
        let settings = try PostgresTestServer.settings()
        let url = try PostgresTestServer.explicitURL(table: "t", password: settings.password, database: "ua_no_such_database")
        #expect(throws: PostgresProfileError.databaseNotFound(database: "ua_no_such_database", endpoint: settings.endpoint)) {
            _ = try PostgresProfileReader(url: url, environment: [:]).read()
        }
    }

    @Test func theReadIsReadOnlyEvenWhenTheTableWouldWrite() throws {
        // A view whose rows come from a function that inserts: reading it must fail, not write.
        let schema = try PostgresScratchSchema { s in [
            "CREATE TABLE \(s).log (x int)",
            "CREATE FUNCTION \(s).sneaky() RETURNS int LANGUAGE sql VOLATILE AS $$ INSERT INTO \(s).log VALUES (1) RETURNING x $$",
            "CREATE VIEW \(s).trap AS SELECT \(s).sneaky() AS x",
        ] }
        defer { schema.drop() }
        let error = #expect(throws: PostgresProfileError.self) {
            _ = try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).trap")).read()
        }
        guard case .queryFailed(_, let reason)? = error else {
            Issue.record("expected a refused write, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("read-only transaction") && reason.contains("25006"))
        #expect(try PostgresProfileReader(url: PostgresTestServer.url(table: "\(schema.name).log")).read().isEmpty)
    }

    @Test func aUserWithoutPrivilegeIsToldWhatToGrant() throws {
        let role = "ua_reader_" + UUID().uuidString.prefix(8).lowercased()
        let rolePassword = "Role-Pw-" + UUID().uuidString.prefix(6)
        let schema = try PostgresScratchSchema { s in [
            "CREATE TABLE \(s).secret (id int)",
            "CREATE ROLE \(role) LOGIN PASSWORD '\(rolePassword)'",
            "GRANT USAGE ON SCHEMA \(s) TO \(role)",
        ] }
        defer {
            schema.drop()  // first: the schema's grant depends on the role
            try? PostgresTestServer.execute(["DROP ROLE IF EXISTS \(role)"])
        }
        let url = try PostgresTestServer.explicitURL(table: "\(schema.name).secret", password: rolePassword, user: role)
        do {
            _ = try PostgresProfileReader(url: url, environment: [:]).read()
            Issue.record("a role without SELECT read the table")
        } catch {
            #expect(error == .permissionDenied(table: "\(schema.name).secret", user: role))
            #expect(error.description.contains("grant it SELECT"))
            #expect(!error.description.contains(rolePassword))
        }
    }

    @Test func sslModeRequireIsRefusedByAServerWithoutTLS() throws {
        let settings = try PostgresTestServer.settings()
        try #require(!settings.usesUnixSocket)
        let url = try PostgresTestServer.explicitURL(table: "t", password: settings.password, "sslmode=require")
        do {
            _ = try PostgresProfileReader(url: url, environment: [:]).read()
            Issue.record("expected the read of a missing table 't' to fail")
        } catch .tlsUnavailable(let endpoint) {
            #expect(endpoint == settings.endpoint)
        } catch {
            // A server that does offer TLS gets as far as looking the table up.
            #expect(error == .tableNotFound(table: "t", database: settings.database))
        }
    }
}
