import Foundation
import Testing
@testable import UsageAudit

/// A store's `Nd` counter dated by its `period_start` (DESIGN §3, Periods): usage.csv,
/// anomalies and reconciliation all see that user's windows from that day, never the
/// quota's anchor.
@Suite("Nd windows dated by a profile")
struct DatedWindowTests {
    @Test("usage rows, anomalies and reconciliation use the profile's window; other users keep the quota's")
    func oneWindowForEveryReport() throws {
        let fixture = try PipelineFixture()
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: """
            [[quota]]
            scope = "all"
            period = "30d"
            default = 100
            """))
        // The quota's windows (from 1970-01-01) start on 2026-10-04; ann's counter opened on 2026-10-20.
        let days = [19, 20, 21, 26]
        let lines = days.map { PipelineFixture.combinedLine(user: "ann", time: "\($0)/Oct/2026:10:00:00 +0000") }
            + [PipelineFixture.combinedLine(user: "bob", time: "26/Oct/2026:10:00:00 +0000")]
        let input = try fixture.plain("access.log", lines)
        let opened = LocalDay(CivilDate(year: 2026, month: 10, day: 20))
        let profile = StoredProfile(
            user: "ann", scope: "all", period: .days(30, anchor: opened), limit: .limit(3), used: 3,
            snapshotAt: 1_792_972_800 + 12 * 3600, periodStart: opened, origin: "profiles.csv:2")
        let outcome = try audit.run(inputs: [input], asOf: nil, profiles: [profile], workers: 1, logger: PipelineFixture.silentLogger)

        func windows(_ user: String) -> [String] {
            outcome.usageRows.filter { $0.user == user && $0.period.name == "30d" }.map { "\($0.bucket.start) \($0.counts.units)" }
        }
        #expect(windows("ann") == ["2026-09-20 1", "2026-10-20 3"])
        #expect(windows("bob") == ["2026-10-04 1"])
        // The stored 3 agrees with the window's 3; the limit of 3 is reached in that window.
        #expect(outcome.findings.filter { $0.user == "ann" }.isEmpty, "\(outcome.findings)")
        #expect(outcome.anomalies.filter { $0.user == "ann" }.map { "\($0.kind.rawValue) \($0.bucket.start) \($0.observed)" }
            == ["limit_reached 2026-10-20 3"], "\(outcome.anomalies)")
    }
}
