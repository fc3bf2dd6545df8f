import Testing
@testable import UsageAudit

@Suite("StoredProfile.repetitions")
struct StoredProfileRepetitionTests {
    private func profile(_ user: String, scope: String = "all", period: Period = .day, start: LocalDay? = nil, row: Int) -> StoredProfile {
        StoredProfile(user: user, scope: scope, period: period, used: Int64(row), periodStart: start, origin: "p.csv:\(row)")
    }

    @Test("a counter on three rows is named once, with all its rows; other scopes, periods and bucket starts are other counters")
    func repeatedRows() {
        let profiles = [
            profile("ann", row: 2),
            profile("ann", scope: "geo", row: 3),
            profile("ann", period: .week, row: 4),
            profile("bo", period: .days(30, anchor: LocalDay(number: 100)), start: LocalDay(number: 100), row: 5),
            profile("bo", period: .days(30, anchor: LocalDay(number: 100)), start: LocalDay(number: 130), row: 6),
            profile("ann", row: 7),
            profile("ann", row: 8),
        ]
        let repetitions = StoredProfile.repetitions(in: profiles)
        #expect(repetitions.map { "\($0.counterName) " + $0.rows.map(\.origin).joined(separator: " ") }
            == ["ann/all/day p.csv:2 p.csv:7 p.csv:8"])
    }

    @Test("rows read at other moments are other days' counters, not repeats")
    func snapshotsOfOtherDays() {
        var monday = profile("ann", row: 2)
        monday.snapshotAt = 1_777_852_800
        var tuesday = profile("ann", row: 3)
        tuesday.snapshotAt = 1_777_852_800 + 86_400
        #expect(StoredProfile.repetitions(in: [monday, tuesday]).isEmpty)
    }

    @Test("no repeats, no repetitions")
    func distinctRows() {
        #expect(StoredProfile.repetitions(in: [profile("ann", row: 2), profile("bo", row: 3)]).isEmpty)
        #expect(StoredProfile.repetitions(in: []).isEmpty)
    }
}
