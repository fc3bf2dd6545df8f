import Foundation
import Testing
@testable import UsageAudit

@Suite struct JSONProfileReaderTests {
    private func table(_ text: String) throws(ProfileError) -> ProfileTable {
        try JSONProfileReader.table(from: Data(text.utf8), name: "p.json")
    }

    @Test func readsAnArrayOfObjectsWithTypedValues() throws {
        let table = try table(#"[{"user": "ana", "daily_limit": null, "n": 7, "x": 1.5, "hard": true, "g": {"quota": 1}}]"#)
        #expect(table.rows == [ProfileRow(values: [
            "user": .text("ana"), "daily_limit": .null, "n": .integer(7), "x": .number(1.5), "hard": .boolean(true),
            "g": .object(["quota": .integer(1)]),
        ], origin: "p.json[0]")])
        #expect(Set(table.columns) == ["user", "daily_limit", "n", "x", "hard", "g"])
    }

    @Test func readsJSONLines() throws {
        let table = try table("{\"user\": \"a\"}\n\n{\"user\": \"b\", \"extra\": 1}\n")
        #expect(table.rows.map(\.origin) == ["p.json:1", "p.json:3"])
        #expect(table.columns == ["user", "extra"])
    }

    @Test func readsAnObjectKeyedByUser() throws {
        let table = try table(#"{"ben": {"daily_usage": 3}, "ana": {"daily_usage": 1, "username": "ana.k"}}"#)
        #expect(table.rows == [
            ProfileRow(values: ["daily_usage": .integer(1), "username": .text("ana.k")], origin: #"p.json["ana"]"#),
            ProfileRow(values: ["daily_usage": .integer(3), "user": .text("ben")], origin: #"p.json["ben"]"#),
        ])
    }

    @Test("an object keyed by user may hold an array of counters per user")
    func readsSeveralCountersPerUser() throws {
        let table = try table(#"{"bob": [{"scope": "all", "period": "day"}, {"scope": "all", "period": "week"}], "al": {"period": "day"}}"#)
        #expect(table.rows.map(\.origin) == [#"p.json["al"]"#, #"p.json["bob"][0]"#, #"p.json["bob"][1]"#])
        #expect(table.rows.map { $0.values["user"] } == [.text("al"), .text("bob"), .text("bob")])
        #expect(table.rows.map { $0.values["period"] } == [.text("day"), .text("day"), .text("week")])
    }

    @Test func readsOneRecordAndARESTPage() throws {
        let single = try table(#"{"username": "ana", "geocoding": {"quota": 10}}"#)
        #expect(single.rows.map(\.origin) == ["p.json"])
        let page = try table(#"{"count": 1, "next": null, "results": [{"user": "a"}]}"#)
        #expect(page.rows == [ProfileRow(values: ["user": .text("a")], origin: "p.json[0]")])
    }

    @Test func refusesInvalidJSONAndNonObjects() {
        guard case .malformed("p.json", let reason)? = profileError({ _ = try table("[{\"user\": ") }) else {
            Issue.record("invalid JSON must be refused")
            return
        }
        #expect(reason.hasPrefix("not valid JSON"))
        guard case .malformed("p.json:2", _)? = profileError({ _ = try table("{\"user\": \"a\"}\n{oops}\n") }) else {
            Issue.record("a bad JSON line must be refused with its line")
            return
        }
        #expect(profileError { _ = try table("[1]") } == .malformed(origin: "p.json[0]", reason: "expected an object, found 1"))
        #expect(profileError { _ = try table("\"text\"") }
            == .malformed(origin: "p.json", reason: "expected an array of objects, an object, or one object per line"))
    }
}
