/// The rows of `usage.csv`: a daily aggregate rolled up into the reported buckets while
/// they are read, so that the hundreds of thousands of rows of a large audit are never
/// held at once (the usage reports stream them; `PeriodRollup` is cheap to run again).
///
/// Rows given as an array (tests, small callers) are read from it. Iterating it as a
/// `Sequence` materializes the rows; `forEachRow` does not.
public struct UsageRows: Sequence, Sendable, Equatable, ExpressibleByArrayLiteral {
    private enum Source: Sendable {
        case rows([UsageRow])
        case rollup(UsageAggregate, configuration: AuditConfiguration, window: ReportWindow, limits: LimitResolver?)
    }

    private let source: Source

    /// Rows held as they are.
    public init(_ rows: [UsageRow]) {
        source = .rows(rows)
    }

    public init(arrayLiteral rows: UsageRow...) {
        source = .rows(rows)
    }

    /// The rows of `aggregate` in the buckets of `window`, in `PeriodRollup`'s order. With
    /// `limits`, a user whose monthly profile frames a quota's months otherwise
    /// (`LimitResolver.monthlyFraming`) gets rows in the profile's cycles instead.
    public init(rollingUp aggregate: UsageAggregate, configuration: AuditConfiguration, window: ReportWindow, limits: LimitResolver? = nil) {
        source = .rollup(aggregate, configuration: configuration, window: window, limits: limits?.reframes == true ? limits : nil)
    }

    /// Calls `body` with each row in order, holding none of them after the call.
    public func forEachRow(_ body: (UsageRow) throws -> Void) rethrows {
        switch source {
        case .rows(let rows):
            for row in rows { try body(row) }
        case .rollup(let aggregate, let configuration, let window, let limits):
            try PeriodRollup(configuration: configuration).forEachRow(
                of: aggregate, includes: { _, range in window.contains(range) }, periods: limits?.periods(user:scope:quotaPeriods:),
                from: window.firstDay, body)
        }
    }

    /// Every row, in order (materialized).
    public var all: [UsageRow] {
        switch source {
        case .rows(let rows):
            return rows
        case .rollup:
            var rows: [UsageRow] = []
            forEachRow { rows.append($0) }
            return rows
        }
    }

    public func makeIterator() -> IndexingIterator<[UsageRow]> {
        all.makeIterator()
    }

    /// Whether there is no row (stops at the first one).
    public var isEmpty: Bool {
        struct Found: Error {}
        do {
            try forEachRow { _ in throw Found() }
            return true
        } catch {
            return false
        }
    }

    public static func == (left: UsageRows, right: UsageRows) -> Bool {
        left.all == right.all
    }
}
