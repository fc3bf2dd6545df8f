/// `reconciliation.csv` / `reconciliation.json`: one row per finding, and the finding
/// counts for `summary.json`.
///
/// The nine columns DESIGN §6 requires come first, in its order; after them
/// `period_start` and `period_end` (the bucket, RFC 3339 in the configured zone: staff
/// need to know *which* day or cycle a `used` counter is about) and `origin` (where the
/// stored profile came from, e.g. `profiles.csv:12`: the evidence to open).
public struct ReconciliationReport {
    public static let columns = [
        "user", "scope", "period", "field", "stored", "recomputed", "delta", "kind", "detail",
        "period_start", "period_end", "origin",
    ]

    /// The findings, in the order they are reported (`Reconciler` sorts them).
    public var findings: [ReconciliationFinding]

    public init(findings: [ReconciliationFinding]) {
        self.findings = findings
    }

    /// The report as a table; bucket bounds are RFC 3339 in `calendar`'s zone.
    public func table(calendar: ZonedCalendar) -> ReportTable {
        var table = ReportTable(columns: Self.columns)
        table.rows.reserveCapacity(findings.count)
        for finding in findings {
            table.rows.append([
                .text(finding.user), .text(finding.scope), .text(finding.period.name), .text(finding.field),
                ReportValue(finding.stored), ReportValue(finding.recomputed), ReportValue(finding.delta),
                .text(finding.kind.rawValue), .text(finding.detail),
                .text(calendar.rfc3339(calendar.startOfDay(finding.bucket.start))),
                .text(calendar.rfc3339(calendar.startOfDay(finding.bucket.end))),
                finding.origin.isEmpty ? .empty : .text(finding.origin),
            ])
        }
        return table
    }

    /// Finding counts per kind, in `FindingKind` order, zeros included: the
    /// reconciliation part of `summary.json`'s `findings`.
    public var counts: [(String, Int)] {
        Self.counts(of: findings)
    }

    public static func counts(of findings: [ReconciliationFinding]) -> [(String, Int)] {
        var byKind: [FindingKind: Int] = [:]
        for finding in findings { byKind[finding.kind, default: 0] += 1 }
        return FindingKind.allCases.map { ($0.rawValue, byKind[$0] ?? 0) }
    }
}
