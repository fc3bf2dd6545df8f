import Testing
@testable import UsageAudit

/// What needs no server: reading `--state postgres://…`, and a server that is not there.
@Suite("PostgresStateStore settings")
struct PostgresStateStoreSettingsTests {
    @Test("the description is the URL completed from the PG* variables, without the password")
    func descriptionHidesThePassword() throws {
        let store = try PostgresStateStore(url: "postgres://ann:pw-Secret-1@db.example/app?sslmode=require", environment: [:])
        #expect(store.description == "postgres://ann@db.example:5432/app?sslmode=require")
        let fromVariables = try PostgresStateStore(
            url: "postgres://", environment: ["PGHOST": "10.0.0.5", "PGPORT": "6432", "PGUSER": "audit", "PGPASSWORD": "pw-Secret-2"])
        #expect(fromVariables.description == "postgres://audit@10.0.0.5:6432/audit")
        #expect(!String(reflecting: fromVariables).contains("pw-Secret-2"))
    }

    @Test("unusable URLs are refused as --state values, without the password", arguments: [
        "postgres://ann:pw-Secret-1@db/app?table=profiles",
        "postgres://ann:pw-Secret-1@db:99999/app",
        "postgres://ann:pw-Secret-1@db/app?sslmode=always",
        "postgres://ann:pw-Secret-1@db/app?tabel=x",
        "postgres://db/app",
    ])
    func badLocations(url: String) {
        do throws(StateError) {
            _ = try PostgresStateStore(url: url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch {
            guard case .badLocation = error else {
                Issue.record("\(url): \(error)")
                return
            }
            #expect(!error.description.contains("pw-Secret-1"))
        }
    }

    @Test("a server that refuses the connection is an unavailable store that says where it looked")
    func connectionRefused() throws {
        let store = try PostgresStateStore(url: "postgres://ann:pw-Secret-1@127.0.0.1:1/app?connect_timeout=5&sslmode=disable", environment: [:])
        do throws(StateError) {
            _ = try store.open(timeZoneName: "UTC")
            Issue.record("nothing listens on port 1, yet the store opened")
        } catch {
            guard case .unavailable(let name, let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(name == "postgres://ann@127.0.0.1:1/app?sslmode=disable")
            #expect(reason.contains("127.0.0.1:1") && reason.contains("server is running"))
            #expect(!error.description.contains("pw-Secret-1"))
        }
    }

    @Test("cells given twice keep their last counts, in their first order")
    func lastOfEachKey() {
        func cell(_ user: String, _ units: Int64) -> StoredCell {
            StoredCell(user: user, scope: "s", day: LocalDay(number: 1), counts: StateFixture.counts(units))
        }
        let kept = PostgresStateStore.lastOfEachKey([cell("a", 1), cell("b", 2), cell("a", 3), cell("a\u{0}", 4), cell("a\u{FFFD}", 5)])
        #expect(kept == [cell("b", 2), cell("a", 3), cell("a\u{FFFD}", 5)])
    }

    @Test("the array statements upsert cells and insert slots, one array per column")
    func arrayStatements() {
        #expect(StateSchema.upsertCellArrays.contains("UNNEST($1::text[], $2::text[], $3::bigint[]"))
        #expect(StateSchema.upsertCellArrays.contains("ON CONFLICT (user_name, scope, day) DO UPDATE"))
        #expect(StateSchema.insertSlotArrays.hasPrefix("INSERT INTO audit_hourly_usage"))
        #expect(!StateSchema.insertSlotArrays.contains("ON CONFLICT"))
    }
}
