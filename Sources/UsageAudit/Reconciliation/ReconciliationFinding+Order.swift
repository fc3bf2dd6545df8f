extension ReconciliationFinding {
    /// `findings` in report order: user (by bytes), scope (`all`, the configured scopes,
    /// `other`, then unknown scopes by name), period (the configuration's order for the
    /// scope, then by name), bucket start, kind (`FindingKind` order), field, detail, then
    /// the numbers — a total order, so equal inputs give byte-identical reports.
    public static func sorted(_ findings: [ReconciliationFinding], configuration: AuditConfiguration) -> [ReconciliationFinding] {
        let order = ReportOrder(configuration: configuration)
        func precedes(_ left: String, _ right: String) -> Bool? {
            ReportOrder.precedes(left, right)
        }
        return order.sorted(findings, by: { ($0.user, $0.scope, $0.period) }) { left, right in
            if left.bucket.start != right.bucket.start { return left.bucket.start < right.bucket.start }
            if left.kind != right.kind { return left.kind < right.kind }
            if let order = precedes(left.field, right.field) { return order }
            if let order = precedes(left.detail, right.detail) { return order }
            if left.stored != right.stored { return (left.stored ?? .min) < (right.stored ?? .min) }
            if left.recomputed != right.recomputed { return (left.recomputed ?? .min) < (right.recomputed ?? .min) }
            if left.bucket.end != right.bucket.end { return left.bucket.end < right.bucket.end }
            return left.origin.utf8.lexicographicallyPrecedes(right.origin.utf8)
        }
    }
}
