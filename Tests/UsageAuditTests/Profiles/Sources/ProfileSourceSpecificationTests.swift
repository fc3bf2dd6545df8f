import Testing
@testable import UsageAudit

@Suite struct ProfileSourceSpecificationTests {
    private func parse(_ text: String, base: String? = "/etc/audit") throws(ProfileError) -> ProfileSourceSpecification {
        try ProfileSourceSpecification(parsing: text, baseDirectory: base)
    }

    @Test func readsFilesWithAndWithoutALayout() throws {
        #expect(try parse("profiles.csv") == ProfileSourceSpecification(location: .file(path: "/etc/audit/profiles.csv")))
        #expect(try parse("/data/p.json?layout=WHG")
            == ProfileSourceSpecification(location: .file(path: "/data/p.json"), layoutName: "whg"))
        #expect(try parse("odd?name.csv", base: nil) == ProfileSourceSpecification(location: .file(path: "odd?name.csv")))
    }

    @Test func readsSQLiteSources() throws {
        #expect(try parse("sqlite:db/app.sqlite?table=api_userapiprofile&layout=whg")
            == ProfileSourceSpecification(location: .sqlite(path: "/etc/audit/db/app.sqlite", table: "api_userapiprofile"), layoutName: "whg"))
        #expect(try parse("sqlite:///var/lib/app.db?table=t").location == .sqlite(path: "/var/lib/app.db", table: "t"))
        #expect(try parse("sqlite:///var/lib/app.db?table=t").description == "sqlite:/var/lib/app.db table t")
    }

    @Test func readsPostgresSourcesKeepingDriverParameters() throws {
        let spec = try parse("postgres://audit:s3cret@db:5432/whg?sslmode=require&table=public.api_userapiprofile&layout=whg")
        guard case .postgres(let source) = spec.location else {
            Issue.record("expected a PostgreSQL source")
            return
        }
        #expect(source.connectionURL == "postgres://audit:s3cret@db:5432/whg?sslmode=require")
        #expect(source.url == "postgres://audit:s3cret@db:5432/whg?sslmode=require&table=public.api_userapiprofile&layout=whg")
        #expect(source.table == "public.api_userapiprofile")
        #expect(source.quotedTable == #""public"."api_userapiprofile""#)
        #expect(spec.layoutName == "whg")
        #expect(spec.description == "postgres://audit:***@db:5432/whg?sslmode=require table public.api_userapiprofile")
    }

    @Test func refusesBadSourcesWithoutShowingPasswords() {
        let cases = [
            "postgres://audit:s3cret@db/whg", "postgres://audit:s3cret@db/whg?table=users;drop",
            "postgres://audit:s3cret@db/whg?table=a.b.c", "mysql://audit:s3cret@db/whg?table=t",
            "postgres://audit:s3cret@db/whg?table=t&layout=nope",
        ]
        for text in cases {
            let error = profileError { _ = try parse(text) }
            #expect(error != nil, "\(text) must be refused")
            #expect(error?.description.contains("s3cret") == false, "\(String(describing: error))")
            #expect(error?.isUnreadable == false)
        }
    }

    @Test func refusesMissingTablesUnknownParametersAndLayouts() {
        #expect(profileError { _ = try parse("sqlite:app.db") }
            == .badSpecification(source: "sqlite:app.db", reason: "name the table with ?table=NAME"))
        #expect(profileError { _ = try parse("postgres://u@h/db?tabel=t") }
            == .badSpecification(source: "postgres://u@h/db?tabel=t",
                                 reason: "name the table with ?table=NAME ('tabel' is no parameter: did you mean 'table'?)"))
        #expect(profileError { _ = try parse("sqlite:app.db?table=main.t") } != nil)
        #expect(profileError { _ = try parse("sqlite:app.db?table=1t") } != nil)
        #expect(profileError { _ = try parse("sqlite:app.db?table=t\"x") } != nil)
        #expect(profileError { _ = try parse("p.csv?format=csv") }
            == .badSpecification(source: "p.csv?format=csv", reason: "unknown parameter 'format' (accepted here: layout)"))
        #expect(profileError { _ = try parse("p.csv?layout=django") } == .unknownLayout(name: "django"))
        #expect(profileError { _ = try parse("  ") } == .badSpecification(source: "  ", reason: "the source is empty"))
        #expect(ProfileError.unknownLayout(name: "django").description
            == "unknown profile layout 'django': use one of long, whg, waldur, carto, smart-ratelimit")
        // A reason that is a whole sentence gets one full stop, not two.
        #expect(ProfileError.badSpecification(source: "postgres:///", reason: "No user is given: set PGUSER.").description
            .hasPrefix("--profiles 'postgres:///': No user is given: set PGUSER. Use a CSV"))
    }

    @Test func neverTrapsOnArbitraryText() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["sqlite:", "postgres://", "a", "?", "=", "&", ":", "/", "@", "%", "%zz", "table", "layout", ".", "$", " ", "é"]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? ProfileSourceSpecification(parsing: text, baseDirectory: "/base")
            _ = ConnectionString.masked(text)
        }
    }
}
