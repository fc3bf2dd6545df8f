/// Whether use in one bucket reached its limit or came near it (`limit_reached`,
/// `near_limit`): the truthful finding for a heavy user, who is near the limit every day
/// without ever being a spike.
///
/// Limits of a number of units are judged; unlimited use and unknown limits give nothing. A
/// hard limit of `0` allows no use: any use or refusal reaches it. A soft `0` bills all use
/// as overage (a pay-as-you-go account: `usage.csv` has it) and gives nothing.
///
/// Refusals (429) far below the limit reach nothing here: they did not come from this
/// limit's use but from a stored counter ahead of it or from another limit (a rate limit,
/// the day's limit inside a week), and the reconciler reports them (`blocked_under_limit`).
struct LimitTest: Sendable {
    /// `detect.near_limit`: the share of the limit from which use is near it.
    var nearLimit: Double

    /// The verdict on a bucket's counts against `limit`.
    enum Verdict: Equatable, Sendable {
        /// Units at or past the limit, or requests refused under a hard limit when use was
        /// near it (the store's counter, a little ahead or framed otherwise, reached it).
        case reached
        /// At or above `nearLimit` of the limit.
        case near
    }

    /// The kind of finding for `counts` against `limit`, nil when neither.
    func judge(_ counts: DayCounts, limit: EffectiveLimit) -> Verdict? {
        guard case .units(let units) = limit.value, units > 0 || units == 0 && limit.hard, counts.hasUse else { return nil }
        if counts.units >= units { return .reached }
        // Compared in Double: `nearLimit × units` has a fraction and units may be huge.
        guard Double(counts.units) >= nearLimit * Double(units) else { return nil }
        return counts.rejected > 0 && limit.hard ? .reached : .near
    }

    /// The evidence sentence, e.g. `4,800 requests: 96% of the 5,000 daily limit; usually
    /// 1,200 a day (median of 28 days), 4× that` or, reached, `5,000 requests: 100% of the
    /// 5,000 daily limit; 312 requests refused (429)`.
    static func detail(
        verdict: Verdict, counts: DayCounts, units limit: Int64, hard: Bool, period: Period, baseline: DailyBaseline?
    ) -> String {
        let requests = counts.unitsAreRequests
        var text = AnomalyText.quantity(counts.units, requests: requests) + ": "
            + (limit == 0 ? "no use allowed by " : AnomalyText.percent(counts.units, of: limit) + " of ")
            + AnomalyText.limit(limit, period: period)
        if verdict == .reached, counts.units >= limit, limit > 0 {
            text += hard ? " reached" : " (a soft limit: \(AnomalyText.count(UsageCounts.adding(counts.units, -limit))) past it)"
        }
        if counts.rejected > 0 {
            text += "; \(AnomalyText.count(counts.rejected)) request\(counts.rejected == 1 ? "" : "s") refused (429)"
        }
        if let baseline {
            text += "; usually \(AnomalyText.amount(baseline.level)) a day (\(AnomalyText.source(baseline.source)))"
            // A ratio only when use is well above the usual day (a light user suddenly near it).
            if baseline.level >= 1, Double(counts.units) >= 2 * baseline.level {
                text += ", \(AnomalyText.ratio(Double(counts.units) / baseline.level)) that"
            }
        }
        return text
    }
}
