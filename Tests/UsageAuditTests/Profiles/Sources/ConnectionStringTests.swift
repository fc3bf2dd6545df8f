import Testing
@testable import UsageAudit

@Suite struct ConnectionStringTests {
    @Test func masksThePasswordOfTheUserInformation() {
        #expect(ConnectionString.masked("postgres://audit:s3cret@db.example.org:5432/app?table=t")
            == "postgres://audit:***@db.example.org:5432/app?table=t")
        #expect(ConnectionString.masked("postgresql://audit@db/app?table=t") == "postgresql://audit@db/app?table=t")
        #expect(ConnectionString.masked("profiles.csv") == "profiles.csv")
    }

    @Test func masksPasswordsHoldingSeparatorsAndParameters() {
        for url in ["postgres://u:pa@ss@h/db?table=t", "postgres://u:pa/ss?x@h/db", "postgres://u:p?w@h/db?x=a@b"] {
            let masked = ConnectionString.masked(url)
            #expect(!masked.contains("pa@ss") && !masked.contains("ss?x") && !masked.contains("p?w"), "\(masked)")
        }
        #expect(ConnectionString.masked("postgres://h/db?user=u&password=hunter2&table=t")
            == "postgres://h/db?user=u&password=***&table=t")
        #expect(ConnectionString.masked("host=h PASSWORD=hunter2 dbname=d") == "host=h PASSWORD=*** dbname=d")
    }
}
