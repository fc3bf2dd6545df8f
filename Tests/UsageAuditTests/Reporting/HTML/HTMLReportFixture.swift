import Foundation
@testable import UsageAudit

/// Outcomes for the `report.html` tests, built by hand: users, scopes, paths and details
/// that try to break out of HTML, and a history long enough for the 56-day charts.
enum HTMLReportFixture {
    static let scriptUser = "<script>alert(1)</script>"
    static let attributeUser = #""><img src=x onerror=alert(2)>"#
    static let hostileScope = #"maps<svg onload=alert(3)>"#
    static let hostilePath = #"/var/log/"><iframe src=javascript:alert(4)>.log"#
    static let hostileDetail = "stored 5, logs show 9 </title><script>alert(5)</script> & more"
    static let hostileSample = #"10.0.0.1 - - [bad] "GET /<style>*{display:none}</style>" 200"#

    static let asOfDay = LocalDay(CivilDate(year: 2026, month: 11, day: 21))
    /// 2026-11-21T09:47:13Z.
    static let asOf: Int64 = Int64(asOfDay.number) * 86_400 + 9 * 3600 + 47 * 60 + 13

    static func day(_ offset: Int) -> LocalDay { asOfDay.adding(days: offset) }
    static func dayBucket(_ offset: Int) -> DayRange { DayRange(start: day(offset), end: day(offset + 1)) }

    /// The configuration: scopes `geocoding` and `hostileScope`, 100 units a day for all.
    static let configuration = AuditConfiguration(
        scopes: [ScopeRule(name: "geocoding"), ScopeRule(name: hostileScope)],
        quotas: [QuotaRule(scope: "all", period: .day, defaultLimit: 100)])

    /// `days` days of use up to the audit day for the two hostile users and `alice`, with a
    /// spike of 95 units for `scriptUser` on the audit day and 3 refused requests before it.
    static func usage(days: Int) -> UsageAggregate {
        var aggregate = UsageAggregate()
        for offset in (1 - days)...0 {
            let spike = offset == 0
            aggregate.add(counts(units: spike ? 95 : 10 + Int64(offset & 3), rejected: offset == -1 ? 3 : 0),
                          user: scriptUser, scope: 0, day: day(offset))
            aggregate.add(counts(units: 1_234), user: attributeUser, scope: 1, day: day(offset))
            aggregate.add(counts(units: 7), user: "alice", scope: 2, day: day(offset))
        }
        return aggregate
    }

    static func counts(units: Int64, rejected: Int64 = 0) -> UsageCounts {
        UsageCounts(requests: units, units: units, rejected: rejected, firstSeen: 0, lastSeen: 0)
    }

    /// A full outcome: one damaged input with a malformed line, one finding, anomaly and
    /// recommendation per hostile user, `days` days of history.
    static func outcome(days: Int = 70) -> AuditOutcome {
        var input = InputStatistics(path: hostilePath)
        input.bytes = 12_345_678
        input.lines = 1_234_567
        input.parsed = 1_234_566
        input.malformed = 1
        input.requests = 98_765
        input.units = 123_456
        input.first = asOf - 86_400
        input.last = asOf
        input.error = "\(hostilePath): gzip data is truncated <b>"
        hostileSample.utf8CString.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: UInt8.self) { bytes in
                let line = UnsafeBufferPointer(rebasing: bytes.dropLast())
                input.recordMalformed(line: 7, bytes: line, reason: "expected a time <here>", redactor: SecretRedactor(identity: IdentitySettings()))
            }
        }
        let result = CountResult(aggregate: usage(days: days), inputs: [input, InputStatistics(path: "access.log")])
        var outcome = AuditOutcome(
            configuration: configuration, result: result, asOf: asOf, usageRows: [],
            profiles: [StoredProfile(user: attributeUser, scope: "all", period: .day, used: 5)],
            findings: [
                ReconciliationFinding(user: attributeUser, scope: "all", period: .day, bucket: dayBucket(0), field: "used",
                                      stored: 5, recomputed: 1_234, kind: .drift, detail: hostileDetail, origin: "profiles.csv:3"),
            ], timings: [("count_seconds", 1.5)])
        outcome.window = ReportWindow(asOfDay: asOfDay, touchedDays: [day(-1), day(0)])
        outcome.profileLayout = "long"
        outcome.anomalies = [
            Anomaly(user: scriptUser, scope: "all", period: .day, bucket: dayBucket(0), kind: .spike,
                    observed: 95, baseline: 11.5, limit: 100, score: 12.25, detail: "95 units vs a usual 11 <i>"),
            Anomaly(user: attributeUser, scope: hostileScope, period: .week, bucket: DayRange(start: day(-5), end: day(2)),
                    kind: .nearLimit, observed: 8_638, limit: 9_000, detail: "96% of the weekly limit"),
        ]
        outcome.recommendations = [
            Recommendation(user: scriptUser, scope: "all", period: .day, currentLimit: 100, recommendedLimit: 130,
                           action: .raise, reason: "demand near the limit on 9 of 9 days <u>"),
            Recommendation(user: attributeUser, scope: "all", period: .day, currentLimit: -1, recommendedLimit: nil,
                           action: .keep, reason: "fits"),
        ]
        return outcome
    }

    /// An outcome of a run that read nothing.
    static func emptyOutcome() -> AuditOutcome {
        var outcome = AuditOutcome(
            configuration: configuration, result: CountResult(aggregate: UsageAggregate(), inputs: []),
            asOf: asOf, usageRows: [], timings: [])
        outcome.window = ReportWindow(asOfDay: asOfDay, touchedDays: [])
        return outcome
    }
}
