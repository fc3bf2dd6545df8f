import PostgresNIO
import Testing
@testable import UsageAudit

@Suite("PostgreSQL source URLs")
struct PostgresURLTests {
    private func settings(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresConnectionSettings {
        try PostgresConnectionSettings(url: url, environment: environment)
    }

    @Test func readsEveryPartOfAFullURL() throws {
        let s = try settings("postgres://audit:s3cret@db.example.org:6543/whg?table=api_userapiprofile&sslmode=require&layout=whg")
        #expect(s.user == "audit")
        #expect(s.password == "s3cret")
        #expect(s.host == "db.example.org")
        #expect(s.port == 6543)
        #expect(s.database == "whg")
        #expect(s.table.description == "api_userapiprofile")
        #expect(s.sslMode == .require)
        #expect(s.layout == "whg")
        #expect(s.endpoint == "db.example.org:6543")
    }

    @Test func acceptsThePostgresqlScheme() throws {
        let s = try settings("postgresql://u@h/d?table=t")
        #expect(s.host == "h" && s.user == "u" && s.database == "d" && s.port == 5432)
        #expect(PostgresProfileReader.accepts("POSTGRESQL://x"))
        #expect(!PostgresProfileReader.accepts("sqlite:profiles.db?table=t"))
    }

    @Test func percentDecodesUserPasswordAndDatabase() throws {
        let s = try settings("postgres://us%40er:p%40ss%3Aw%2Fo%3Frd@h/my%20db?table=t")
        #expect(s.user == "us@er")
        #expect(s.password == "p@ss:w/o?rd")
        #expect(s.database == "my db")
    }

    @Test func takesTheLastAtSignAsTheEndOfTheUserInformation() throws {
        let s = try settings("postgres://u:pa@ss@h/d?table=t")
        #expect(s.password == "pa@ss")
        #expect(s.host == "h")
    }

    @Test func readsBracketedIPv6Hosts() throws {
        let s = try settings("postgres://u@[::1]:5433/d?table=t")
        #expect(s.host == "::1")
        #expect(s.port == 5433)
        #expect(s.endpoint == "[::1]:5433")
    }

    @Test func fillsMissingPartsFromThePGVariables() throws {
        let environment = [
            "PGHOST": "10.1.2.3", "PGPORT": "5444", "PGUSER": "envuser",
            "PGPASSWORD": "envpw", "PGDATABASE": "envdb", "PGSSLMODE": "disable",
        ]
        let s = try settings("postgres://?table=profiles", environment)
        #expect(s.host == "10.1.2.3" && s.port == 5444 && s.user == "envuser")
        #expect(s.password == "envpw" && s.database == "envdb" && s.sslMode == .disable)
    }

    @Test func urlPartsWinOverTheVariables() throws {
        let environment = ["PGHOST": "envhost", "PGUSER": "envuser", "PGPASSWORD": "envpw", "PGDATABASE": "envdb"]
        let s = try settings("postgres://u:p@h:1234/d?table=t", environment)
        #expect(s.host == "h" && s.port == 1234 && s.user == "u" && s.password == "p" && s.database == "d")
    }

    @Test func queryParametersOverrideTheAuthority() throws {
        let s = try settings("postgres://u@h/d?table=t&host=%2Fvar%2Frun%2Fpostgresql&port=5439&user=v&dbname=e&password=q")
        #expect(s.host == "/var/run/postgresql" && s.usesUnixSocket)
        #expect(s.endpoint == "/var/run/postgresql/.s.PGSQL.5439")
        #expect(s.user == "v" && s.database == "e" && s.password == "q")
    }

    @Test func honoursConnectTimeoutAndIgnoresApplicationName() throws {
        let s = try settings("postgres://u@h/d?table=t&connect_timeout=3&application_name=django")
        #expect(s.connectTimeoutSeconds == 3)
        #expect(try s.connectionConfiguration().options.connectTimeout == .seconds(3))
        #expect(try settings("postgres://u@h/d?table=t").connectTimeoutSeconds == 10)
    }

    @Test func usesLibpqDefaults() throws {
        let s = try settings("postgres:///?table=t", ["USER": "alice"])
        #expect(s.host == "localhost" && s.port == 5432)
        #expect(s.user == "alice" && s.database == "alice")
        #expect(s.password == nil && s.sslMode == .prefer)
    }

    @Test func ignoresEmptyVariables() throws {
        let s = try settings("postgres://u@h/d?table=t", ["PGPASSWORD": "", "PGPORT": ""])
        #expect(s.password == nil && s.port == 5432)
    }

    @Test(arguments: [
        ("mysql://u@h/d?table=t", "postgres://"),
        ("postgres://u@h:99999/d?table=t", "port"),
        ("postgres://u@h:54x/d?table=t", "port"),
        ("postgres://u@h1,h2/d?table=t", "several hosts"),
        ("postgres://u@[::1/d?table=t", "IPv6"),
        ("postgres://u@h/d/e?table=t", "'/'"),
        ("postgres://u@h/d?table=t&tabel=x", "'tabel'"),
        ("postgres://u:%zz@h/d?table=t", "password is not valid percent-encoding"),
        ("postgres://u@h/d?table=t&connect_timeout=0", "connect_timeout"),
    ])
    func refusesMalformedURLs(url: String, mention: String) {
        let error = #expect(throws: PostgresProfileError.self) {
            _ = try PostgresConnectionSettings(url: url, environment: ["USER": "x"])
        }
        guard case .invalidURL? = error else {
            Issue.record("expected an invalid URL error, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains(mention) == true)
    }

    @Test func refusesABadPGPORT() {
        #expect(throws: PostgresProfileError.invalidURL(reason: "PGPORT is not a number from 1 to 65535")) {
            _ = try PostgresConnectionSettings(url: "postgres://u@h/d?table=t", environment: ["PGPORT": "0"])
        }
    }

    @Test func requiresATable() {
        #expect(throws: PostgresProfileError.missingTable) {
            _ = try PostgresConnectionSettings(url: "postgres://u@h/d", environment: [:])
        }
    }

    @Test func requiresAUser() {
        #expect(throws: PostgresProfileError.missingUser) {
            _ = try PostgresConnectionSettings(url: "postgres://h/d?table=t", environment: [:])
        }
    }

    @Test func refusesUnknownSSLModes() {
        #expect(throws: PostgresProfileError.invalidSSLMode("always")) {
            _ = try PostgresConnectionSettings(url: "postgres://u@h/d?table=t&sslmode=always", environment: [:])
        }
        #expect(throws: PostgresProfileError.invalidSSLMode("on")) {
            _ = try PostgresConnectionSettings(url: "postgres://u@h/d?table=t", environment: ["PGSSLMODE": "on"])
        }
    }

    @Test func acceptsEveryLibpqSSLMode() throws {
        for mode in PostgresSSLMode.allCases {
            let s = try settings("postgres://u@h/d?table=t&sslmode=\(mode.rawValue)")
            #expect(s.sslMode == mode)
            _ = try s.connectionConfiguration()
        }
    }
}
