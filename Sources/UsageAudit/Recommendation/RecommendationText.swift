/// Wording shared by recommendation reasons: numbers with thousands separators, buckets
/// and spans of buckets named the way staff say them.
enum RecommendationText {
    /// `6245` → `6,245`.
    static func count(_ value: Int64) -> String {
        value.grouped
    }

    /// `24%` of `whole`, rounded away from 100 as every share of a limit is (`Int64.percent(of:)`).
    static func percent(_ part: Int64, of whole: Int64) -> String {
        "\(count(part.percent(of: whole)))%"
    }

    /// A share as a percentage: `0.9` → `90%`.
    static func share(_ share: Double) -> String {
        guard share.isFinite else { return "?%" }
        let percent = (min(max(share, -1e12), 1e12) * 100).rounded()
        return "\(Int64(percent))%"
    }

    /// A factor as written in a sum: `1.15`, `2`.
    static func factor(_ value: Double) -> String {
        JSONValue.format(value)
    }

    /// `3 days`, `1 week`, `2 billing cycles`.
    static func buckets(_ number: Int, of period: Period) -> String {
        "\(count(Int64(number))) \(FindingText.bucketNoun(period))\(number == 1 ? "" : "s")"
    }

    /// `the last 29 days`, `the last week`.
    static func lastBuckets(_ number: Int, of period: Period) -> String {
        number == 1 ? "the last \(FindingText.bucketNoun(period))" : "the last \(buckets(number, of: period))"
    }

    /// One bucket named as a person would: `on 2026-11-20`, `in the week of 2026-11-16`,
    /// `in 2026-11`, `in 2026`, `in the 30-day window from 2026-10-23`, `in the billing cycle
    /// from 2026-10-14`.
    static func bucket(_ range: DayRange, of period: Period) -> String {
        let start = range.start.date
        switch period {
        case .day: return "on \(start)"
        case .week: return "in the week of \(start)"
        case .month: return "in " + String(start.description.prefix(7))
        case .year: return "in \(start.year)"
        case .days(let count, _):
            return count <= 1 ? "on \(start)" : "in the \(count)-day window from \(start)"
        case .billingCycle: return "in the billing cycle from \(start)"
        }
    }

    /// The period as an adjective for a limit: `daily`, `weekly`, `monthly`, `30-day`.
    static func adjective(_ period: Period) -> String {
        switch period {
        case .day: return "daily"
        case .week: return "weekly"
        case .month, .billingCycle: return "monthly"
        case .year: return "yearly"
        case .days(let count, _): return "\(count)-day"
        }
    }

    /// `the 5,000 limit` / `the custom 50,000 limit (profiles.csv:3)`.
    static func limit(_ candidate: LimitCandidate) -> String {
        guard candidate.isCustom else { return "the \(count(candidate.limit)) limit" }
        let origin = candidate.origin.isEmpty ? "" : " (\(candidate.origin))"
        return "the custom \(count(candidate.limit)) limit\(origin)"
    }
}
