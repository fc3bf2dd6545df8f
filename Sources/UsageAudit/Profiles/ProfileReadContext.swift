import Foundation

/// What the layouts need from the configuration to translate stored values.
///
/// * `timeZone`: the audit's zone (DESIGN §3). A stored date-time is turned into a local
///   day in it (`period_start`, Waldur's `*_reset_last_at`); a time written without an
///   offset is read in it (the `long` layout), except in the Django layouts, whose naive
///   times are UTC (Django stores UTC when `USE_TZ = True`).
/// * `quotaPeriods`: the `(scope, period)` of every `[[quota]]`. A stored `Nd` window takes
///   the anchor of the configured `Nd` quota of the same scope (else of any scope), so that
///   it compares equal to it; without one the anchor is 1970-01-01. A stored window start
///   (`period_start`) goes into `StoredProfile.periodStart`, never into the anchor.
public struct ProfileReadContext: Sendable {
    public var timeZone: TimeZone
    public var quotaPeriods: [(scope: String, period: Period)]

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!, quotaPeriods: [(scope: String, period: Period)] = []) {
        self.timeZone = timeZone
        self.quotaPeriods = quotaPeriods
    }

    /// The anchor for a stored window of `count` days in `scope`.
    func windowAnchor(days count: Int, scope: String) -> LocalDay {
        var fallback: LocalDay?
        for (quotaScope, period) in quotaPeriods {
            guard case .days(let quotaCount, let anchor) = period, quotaCount == count else { continue }
            if quotaScope == scope { return anchor }
            if fallback == nil { fallback = anchor }
        }
        return fallback ?? LocalDay(number: 0)
    }

    /// Reads a period as a store writes it (`day`, `week`, `30d`, `7`, `month@14`), giving an
    /// `Nd` window the configured anchor of `scope`.
    func period(parsing text: String, scope: String, origin: String, column: String) throws(ProfileError) -> Period {
        let period: Period
        do {
            period = try Period(parsing: text)
        } catch {
            let expected: String
            switch error {
            case .invalidDayCount: expected = "a window of 1 to \(Period.maximumDayCount) days (30d, or a bare 30)"
            case .invalidBillingDay: expected = "a billing cycle month@D with D from 1 to 31"
            case .unknownPeriod: expected = PeriodError.accepted
            }
            throw .badValue(origin: origin, column: column, value: ProfileCells.shown(text), expected: expected)
        }
        if case .days(let count, _) = period {
            return .days(count, anchor: windowAnchor(days: count, scope: scope))
        }
        return period
    }
}
