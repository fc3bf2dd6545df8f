/// `reconciliation.csv` / `reconciliation.json`: one row per finding, and the finding
/// counts for `summary.json`.
///
/// The nine columns DESIGN §6 requires come first, in its order; after them
/// `period_start` and `period_end` (the bucket, RFC 3339 in the configured zone: staff
/// need to know *which* day or cycle a `used` counter is about) and `origin` (where the
/// stored profile came from, e.g. `profiles.csv:12`: the evidence to open).
public struct ReconciliationReport: StreamedReport {
    public static let columns = [
        "user", "scope", "period", "field", "stored", "recomputed", "delta", "kind", "detail",
        "period_start", "period_end", "origin",
    ]

    /// The findings, in the order they are reported (`Reconciler` sorts them).
    public var findings: [ReconciliationFinding]

    public init(findings: [ReconciliationFinding]) {
        self.findings = findings
    }

    /// Calls `body` with each row, in order (the array is reused between calls); bucket
    /// bounds are RFC 3339 in `calendar`'s zone.
    public func forEachRow(calendar: ZonedCalendar, _ body: ([ReportValue]) throws -> Void) rethrows {
        var stamps: [LocalDay: String] = [:]
        func stamp(_ day: LocalDay) -> String {
            if let known = stamps[day] { return known }
            let text = calendar.rfc3339(calendar.startOfDay(day))
            stamps[day] = text
            return text
        }
        var values: [ReportValue] = []
        values.reserveCapacity(Self.columns.count)
        for finding in findings {
            values.removeAll(keepingCapacity: true)
            values.append(.text(finding.user))
            values.append(.text(finding.scope))
            values.append(.text(finding.period.name))
            values.append(.text(finding.field))
            values.append(ReportValue(finding.stored))
            values.append(ReportValue(finding.recomputed))
            values.append(ReportValue(finding.delta))
            values.append(.text(finding.kind.rawValue))
            values.append(.text(finding.detail))
            values.append(.text(stamp(finding.bucket.start)))
            values.append(.text(stamp(finding.bucket.end)))
            values.append(finding.origin.isEmpty ? .empty : .text(finding.origin))
            try body(values)
        }
    }

    /// Finding counts per kind, in `FindingKind` order, zeros included: the
    /// reconciliation part of `summary.json`'s `findings`.
    public var counts: [(String, Int)] {
        Self.counts(of: findings)
    }

    public static func counts(of findings: [ReconciliationFinding]) -> [(String, Int)] {
        // Kinds read where the findings lie: a finding copied out of the array retains its
        // strings, tens of thousands of times on a large run.
        var byKind: [FindingKind: Int] = [:]
        findings.withUnsafeBufferPointer { buffer in
            for index in buffer.indices { byKind[buffer[index].kind, default: 0] += 1 }
        }
        return FindingKind.allCases.map { ($0.rawValue, byKind[$0] ?? 0) }
    }
}
