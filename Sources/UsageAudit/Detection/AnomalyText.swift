/// Wording of anomaly details: numbers with thousands separators (no locale: reports are
/// byte-identical everywhere), ratios, shares of limits, where a baseline came from.
enum AnomalyText {
    /// `4963` → `4,963`; `-1200` → `-1,200`.
    static func count(_ value: Int64) -> String {
        value.grouped
    }

    /// A measured amount such as a median: whole numbers with separators, one decimal
    /// below 10 when it has a fraction (`2.5`, `41`, `4,750`).
    static func amount(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "∞" : "0" }
        if value.magnitude < 10, value != value.rounded() {
            let tenths = Int((value * 10).rounded())
            return (tenths < 0 ? "-" : "") + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
        }
        return count(whole(value))
    }

    /// `observed / baseline` as `117×` (one decimal below 10: `3.4×`).
    static func ratio(_ value: Double) -> String {
        amount(value >= 10 ? value.rounded() : (value * 10).rounded() / 10) + "×"
    }

    /// `part` as a whole percentage of `whole`, rounded away from 100 (`Int64.percent(of:)`): `96%`.
    static func percent(_ part: Int64, of whole: Int64) -> String {
        count(part.percent(of: whole)) + "%"
    }

    /// `4,800 requests` when units are requests, else `4,800 units` (singular for 1).
    static func quantity(_ value: Int64, requests: Bool) -> String {
        "\(count(value)) \(noun(value, requests: requests))"
    }

    /// `requests` / `units`, singular for 1.
    static func noun(_ value: Int64, requests: Bool) -> String {
        (requests ? "request" : "unit") + (value == 1 ? "" : "s")
    }

    /// `the 5,000 daily limit`, `the 2,000 monthly limit`, `the 9,000 30-day limit`.
    static func limit(_ units: Int64, period: Period) -> String {
        "the \(count(units)) \(adjective(period)) limit"
    }

    /// `daily`, `weekly`, `monthly`, `yearly`, `30-day`, `billing-cycle`.
    static func adjective(_ period: Period) -> String {
        switch period {
        case .day: return "daily"
        case .week: return "weekly"
        case .month: return "monthly"
        case .year: return "yearly"
        case .days(let count, _): return "\(max(1, count))-day"
        case .billingCycle: return "billing-cycle"
        }
    }

    /// Where a baseline came from: `median of 28 days`, `median of the 6 active days in
    /// 28`, `median of the last 4 Mondays`.
    static func source(_ source: DailyBaseline.Source) -> String {
        switch source {
        case .allDays(let days):
            return "median of \(days) days"
        case .activeDays(let active, let days):
            return "median of the \(active) active day\(active == 1 ? "" : "s") in \(days)"
        case .weekday(let count, let weekday):
            return "median of the last \(count) \(weekdayName(weekday))s"
        }
    }

    /// `Monday` … `Sunday` for ISO weekdays 1…7.
    static func weekdayName(_ isoWeekday: Int) -> String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return names[min(max(isoWeekday, 1), 7) - 1]
    }

    /// `, 96% of the 5,000 daily limit` when a limit is known, else nothing.
    static func limitShare(_ observed: Int64, limit: Int64?, period: Period) -> String {
        guard let limit, limit > 0 else { return "" }
        return ", \(percent(observed, of: limit)) of \(self.limit(limit, period: period))"
    }

    /// The local time of `instant` as `03:00` in `calendar`'s zone.
    static func clock(_ instant: Int64, calendar: ZonedCalendar) -> String {
        let stamp = calendar.rfc3339(instant)
        guard let separator = stamp.firstIndex(of: "T") else { return stamp }
        return String(stamp[stamp.index(after: separator)...].prefix(5))
    }

    /// `value` as a whole `Int64`, clamped (a Double beyond `Int64` must not trap).
    static func whole(_ value: Double) -> Int64 {
        guard !value.isNaN else { return 0 }
        if value >= 9_223_372_036_854_775_808 { return .max }
        if value <= -9_223_372_036_854_775_808 { return .min }
        return Int64(value.rounded())
    }
}
