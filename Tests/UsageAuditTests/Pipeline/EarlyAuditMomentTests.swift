import Foundation
import Testing
@testable import UsageAudit

/// An `--as-of` before the end of the logs: the hours after it are counted and stored like
/// any others, and a counter whose snapshot is the audit moment is judged exactly.
@Suite("An audit moment before the end of the logs")
struct EarlyAuditMomentTests {
    private let fixture: PipelineFixture
    private let audit: Audit

    init() throws {
        fixture = try PipelineFixture()
        audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
    }

    /// 2026-10-26 at `hour`:00 UTC.
    private static func moment(hour: Int) -> Int64 {
        1_792_972_800 + Int64(hour) * 3600
    }

    /// One request of `user` at each of `hours` on 2026-10-`day`, UTC.
    private func lines(_ user: String, day: Int = 26, hours: [Int]) -> [String] {
        hours.map { PipelineFixture.combinedLine(user: user, time: String(format: "%02d/Oct/2026:%02d:00:00 +0000", day, $0)) }
    }

    private func profile(used: Int64, snapshotAt: Int64) -> StoredProfile {
        StoredProfile(
            user: "ann", scope: "all", period: .day, limit: .useDefault, used: used, total: nil, hard: nil,
            snapshotAt: snapshotAt, periodStart: nil, origin: "profiles.csv:2")
    }

    @Test("the next night finds the requests after an earlier night's audit moment in its stored hours")
    func storedHoursAfterTheMoment() throws {
        let statePath = fixture.folder.file("state.sqlite")
        let first = try fixture.plain("a.log", lines("ann", hours: [8, 10, 14, 16]))
        _ = try audit.run(
            inputs: [first], asOf: Self.moment(hour: 12), state: SQLiteStateStore(path: statePath), workers: 1,
            logger: PipelineFixture.silentLogger)
        // ann's counter read at 15:00: three requests by then, as the store says.
        let second = try fixture.plain("b.log", lines("bob", day: 27, hours: [8]))
        let outcome = try audit.run(
            inputs: [second], asOf: nil, profiles: [profile(used: 3, snapshotAt: Self.moment(hour: 15))],
            state: SQLiteStateStore(path: statePath), workers: 1, logger: PipelineFixture.silentLogger)
        #expect(outcome.findings.filter { $0.user == "ann" }.isEmpty, "\(outcome.findings)")
    }

    @Test("an audit moment before the hours a store kept finds no zeros there: the day is judged from its daily count")
    func momentBeforeTheStoredHours() throws {
        let statePath = fixture.folder.file("state.sqlite")
        // Four requests a day, 2026-10-20 … 29; the store keeps the hours of the last two days.
        let lines = (20...29).flatMap { self.lines("ann", day: $0, hours: [2, 8, 14, 20]) }
        let input = try fixture.plain("ten.log", lines)
        _ = try audit.run(inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), workers: 1, logger: PipelineFixture.silentLogger)
        // The same log again (already counted), audited as of 2026-10-22 12:00 with a counter read then: 2 by noon.
        let noon = Self.moment(hour: 12) - 4 * 86_400
        let outcome = try audit.run(
            inputs: [input], asOf: noon, profiles: [profile(used: 2, snapshotAt: noon)], state: SQLiteStateStore(path: statePath),
            workers: 1, logger: PipelineFixture.silentLogger)
        #expect(outcome.findings.filter { $0.user == "ann" }.isEmpty, "\(outcome.findings)")
        #expect(outcome.hourly.coverage.map { $0.lowerBound > noon } == true, "\(String(describing: outcome.hourly.coverage))")
    }

    @Test("the stored hours reach back from the store's latest request, not from the first hour someone was active")
    func storedHoursFromTheLatestRequest() throws {
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: """
            [[quota]]
            scope = "all"
            period = "day"
            default = 100

            [[quota]]
            scope = "all"
            period = "week"
            default = 600
            """))
        // Tuesday: refused 5 times at 03:10 with nothing used (the first request of the log), 95 served at 08:00.
        let refused = (0..<5).map { PipelineFixture.combinedLine(user: "liv", time: "17/Nov/2026:03:10:0\($0) +0000", status: 429) }
        let served = (0..<95).map { PipelineFixture.combinedLine(user: "liv", time: String(format: "17/Nov/2026:08:%02d:00 +0000", $0 % 60)) }
        let tuesday = try fixture.plain("tuesday.log", refused + served)
        let wednesday = try fixture.plain("wednesday.log", lines("bob", day: 18, hours: [9]).map { $0.replacingOccurrences(of: "Oct", with: "Nov") })
        let statePath = fixture.folder.file("nights.sqlite")
        for input in [tuesday, wednesday] {
            let outcome = try audit.run(
                inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), workers: 1, logger: PipelineFixture.silentLogger)
            guard input == wednesday else { continue }
            // Wednesday's night judges the week (Tuesday's day is outside its window): as one run over both logs does.
            let weekly = { (findings: [ReconciliationFinding]) in
                findings.filter { $0.user == "liv" && $0.period == .week }.map { "\($0.kind.rawValue) \($0.recomputed ?? -1)" }
            }
            let whole = try audit.run(inputs: [tuesday, wednesday], asOf: nil, workers: 1, logger: PipelineFixture.silentLogger)
            #expect(weekly(outcome.findings) == ["blocked_under_limit 95"], "\(outcome.findings)")
            #expect(weekly(outcome.findings) == weekly(whole.findings))
        }
    }

    @Test("a counter read at the audit moment, inside an hour the logs go on past, is judged from the hours", arguments: [0, 1800])
    func snapshotAtTheMoment(seconds: Int64) throws {
        let input = try fixture.plain("access.log", lines("ann", hours: [8, 10, 14]))
        let moment = Self.moment(hour: 12) + seconds
        let outcome = try audit.run(
            inputs: [input], asOf: moment, profiles: [profile(used: 0, snapshotAt: moment)], workers: 1,
            logger: PipelineFixture.silentLogger)
        let finding = try #require(outcome.findings.first { $0.user == "ann" })
        #expect(finding.kind == .drift && finding.stored == 0 && finding.recomputed == 2, "\(finding)")
    }
}
