extension Anomaly {
    /// `anomalies` in report order: user (by UTF-8 bytes), scope (`all`, the configured
    /// scopes, `other`, then unknown scopes by name), period (the configuration's order for
    /// the scope, then by name), bucket start, kind (`AnomalyKind` order), then the other
    /// fields — a total order, so equal inputs give byte-identical reports.
    public static func sorted(_ anomalies: [Anomaly], configuration: AuditConfiguration) -> [Anomaly] {
        let order = ReportOrder(configuration: configuration)
        func precedes(_ left: String, _ right: String) -> Bool? {
            ReportOrder.precedes(left, right)
        }
        func precedes(_ left: Double?, _ right: Double?) -> Bool? {
            let (a, b) = (left ?? -.infinity, right ?? -.infinity)
            return a == b ? nil : a < b
        }
        return order.sorted(anomalies, by: { ($0.user, $0.scope, $0.period) }) { left, right in
            if left.bucket.start != right.bucket.start { return left.bucket.start < right.bucket.start }
            if left.kind != right.kind { return left.kind < right.kind }
            if left.bucket.end != right.bucket.end { return left.bucket.end < right.bucket.end }
            if left.observed != right.observed { return left.observed < right.observed }
            if let order = precedes(left.baseline, right.baseline) { return order }
            if left.limit != right.limit { return (left.limit ?? .min) < (right.limit ?? .min) }
            if let order = precedes(left.score, right.score) { return order }
            return left.detail.utf8.lexicographicallyPrecedes(right.detail.utf8)
        }
    }
}
