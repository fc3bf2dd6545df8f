import Foundation

/// Wording shared by reconciliation details: numbers with thousands separators, moments
/// in the audit's zone, names of periods and buckets.
enum FindingText {
    /// `4963` → `4,963`; `-1200` → `-1,200`.
    static func count(_ value: Int64) -> String {
        value.grouped
    }

    /// `count` units, or requests when the bucket's units equal its requests (cost 1).
    static func quantity(_ value: Int64, requestsOnly: Bool) -> String {
        "\(count(value)) \(requestsOnly ? "request" : "unit")\(value == 1 ? "" : "s")"
    }

    /// An instant as `2026-11-20 00:00 +01:00` in `calendar`'s zone.
    static func moment(_ instant: Int64, calendar: ZonedCalendar) -> String {
        let stamp = calendar.rfc3339(instant)
        // `2026-11-20T00:00:00+01:00`: date, hours and minutes, offset.
        guard stamp.utf8.count >= 25 else { return stamp }
        let date = stamp.prefix(10)
        let time = stamp.dropFirst(11).prefix(5)
        let offset = stamp.suffix(6)
        return "\(date) \(time) \(offset)"
    }

    /// A UTC offset in seconds as `+01:00`, `-03:30`.
    static func offset(_ seconds: Int64) -> String {
        let magnitude = seconds.magnitude
        let hours = magnitude / 3600
        let minutes = magnitude / 60 % 60
        return (seconds < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// The zone a fixed offset names in prose: `UTC`, `UTC+05:30`.
    static func zone(offset seconds: Int64) -> String {
        seconds == 0 ? "UTC" : "UTC" + offset(seconds)
    }

    /// A zone's name as the configuration would write it: Foundation on Linux names the
    /// zone `UTC` `GMT`.
    static func zoneName(_ zone: TimeZone) -> String {
        zone.identifier == "GMT" ? "UTC" : zone.identifier
    }

    /// What the bucket before the current one is called: `yesterday's`, `last week's`.
    static func previousBucket(_ period: Period) -> String {
        switch period {
        case .day: return "yesterday's"
        case .week: return "last week's"
        case .month: return "last month's"
        case .year: return "last year's"
        case .days: return "the previous window's"
        case .billingCycle: return "the previous billing cycle's"
        }
    }

    /// The current bucket in words: `today`, `this week`, `this 30-day window`.
    static func currentBucket(_ period: Period) -> String {
        switch period {
        case .day: return "today"
        case .week: return "this week"
        case .month: return "this month"
        case .year: return "this year"
        case .days(let count, _): return "this \(count)-day window"
        case .billingCycle: return "this billing cycle"
        }
    }

    /// The unit a reset starts: `day`, `week`, `window`, `billing cycle`.
    static func bucketNoun(_ period: Period) -> String {
        switch period {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .year: return "year"
        case .days: return "window"
        case .billingCycle: return "billing cycle"
        }
    }

    /// The reset that starts a bucket: `the daily reset`, `the 30-day window's reset`.
    static func reset(_ period: Period) -> String {
        switch period {
        case .day: return "the daily reset"
        case .week: return "the weekly reset"
        case .month: return "the monthly reset"
        case .year: return "the yearly reset"
        case .days(let count, _): return "the \(count)-day window's reset"
        case .billingCycle: return "the billing cycle's reset"
        }
    }
}
