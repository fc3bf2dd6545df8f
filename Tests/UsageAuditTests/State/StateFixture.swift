@testable import UsageAudit

/// Fixtures shared by the live and the offline PostgreSQL state-store tests.
enum StateFixture {
    static func input(_ name: String, length: Int64, digest: Character = "a") -> CountedInput {
        CountedInput(
            headLength: 10, headDigest: String(repeating: digest, count: 64), lineDigest: String(repeating: "f", count: 64),
            length: length, checksum: 42, name: name, lines: 3, first: 100, last: 200, days: [LocalDay(number: 20_000)], countedAt: 1000)
    }

    static func counts(_ units: Int64) -> UsageCounts {
        UsageCounts(requests: units, units: units, rejected: 1, firstSeen: 10, lastSeen: 20)
    }

    static func update(inputs: [CountedInput], units: Int64 = 5) -> StateUpdate {
        StateUpdate(
            inputs: inputs,
            cells: [StoredCell(user: "ann", scope: "geocoding", day: LocalDay(number: 20_000), counts: counts(units))],
            slots: [StoredSlot(user: "ann", scope: "geocoding", start: 3600, counts: counts(units))],
            run: RunRecord(startedAt: 1, asOf: 2, inputs: 1, lines: 3, version: "test"))
    }
}
