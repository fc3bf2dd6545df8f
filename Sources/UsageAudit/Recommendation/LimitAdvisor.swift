/// Decides the advice on one limit from the demand on it: the rules of `LimitRecommender`,
/// applied in order — `raise`, `temporary_raise`, `revert_to_default`, `lower`, then
/// `review` (past the limit lately, but no rule could size a change) or `keep`.
///
/// Every reason carries the numbers that led to it, so a staff member can check the
/// arithmetic and act without opening another report.
struct LimitAdvisor {
    /// `analysis.nearLimit`: the share of a limit from which demand is near it.
    var nearLimit: Double
    /// `analysis.headroom`: how far above demand a recommended limit goes (at least 1).
    var headroom: Double

    init(settings: AnalysisSettings) {
        nearLimit = settings.nearLimit.isFinite ? min(max(settings.nearLimit, 0), 1) : 0.9
        headroom = settings.headroom.isFinite ? max(settings.headroom, 1) : 1.15
    }

    /// The advice on `candidate` given the demand on it; nil instead of a final `keep`
    /// unless `includesKeep` (most limits are kept: their reasons are not written out for
    /// nothing). Callers still drop a `keep` they did not ask for.
    func advice(for candidate: LimitCandidate, history: DemandHistory, includesKeep: Bool = true) -> Recommendation? {
        let period = candidate.period
        let threshold = nearLimit * Double(candidate.limit)
        let near = history.buckets(reaching: threshold)
        let observed = history.buckets.count
        let needed = max(
            RecommendationRules.sustainedMinimum(for: period),
            Int((RecommendationRules.sustainedShare * Double(observed)).rounded(.up)))
        if near.count >= needed {
            return raise(candidate, history: history, near: near.count)
        }
        let quiet = RecommendationRules.quietShare * Double(candidate.limit)
        let recentNear = near.filter(\.isRecent)
        let others = history.buckets.filter { !$0.isRecent }
        // A one-off needs earlier buckets to stand out from: the first bucket of a user's
        // history cannot tell a job from the demand to come.
        if !recentNear.isEmpty, !others.isEmpty, others.allSatisfy({ Double($0.demand) <= quiet }) {
            return temporaryRaise(candidate, history: history, recentNear: recentNear, others: others)
        }
        if let advice = unusedAdvice(for: candidate, history: history) {
            return advice
        }
        // Only buckets near the limit can make the last word a `review` instead of `keep`.
        guard includesKeep || !near.isEmpty else { return nil }
        let last = keep(candidate, history: history, near: near, needed: needed)
        return last.action == .keep && !includesKeep ? nil : last
    }

    /// `raise`: sized from the high percentile of bucket demand plus headroom, at least
    /// `minimumRaiseFactor` × the limit, rounded up onto the human ladder.
    func raise(_ candidate: LimitCandidate, history: DemandHistory, near: Int) -> Recommendation {
        let period = candidate.period
        let high = history.percentile(RecommendationRules.raisePercentile)
        let sized = HumanNumber.scaled(high, by: headroom)
        let floor = HumanNumber.scaled(candidate.limit, by: RecommendationRules.minimumRaiseFactor)
        let recommended = HumanNumber.roundedUp(max(sized, floor))
        var reason = "demand (served + refused) reached ≥ \(RecommendationText.share(nearLimit)) of "
            + "\(RecommendationText.limit(candidate)) on \(RecommendationText.count(Int64(near))) of "
            + "\(RecommendationText.lastBuckets(history.buckets.count, of: period)); "
            + "p\(Int(RecommendationRules.raisePercentile * 100)) \(RecommendationText.count(high)) a \(FindingText.bucketNoun(period))"
        let refused = history.rejected
        if refused > 0 { reason += ", \(RecommendationText.count(refused)) requests refused" }
        reason += "; \(RecommendationText.count(high)) × \(RecommendationText.factor(headroom)) = \(RecommendationText.count(sized))"
        if floor > sized {
            reason += ", but a raise is at least \(RecommendationText.factor(RecommendationRules.minimumRaiseFactor)) × the limit "
                + "= \(RecommendationText.count(floor))"
        }
        reason += " → \(RecommendationText.count(recommended))"
        return candidate.recommendation(.raise, to: recommended, reason: reason)
    }

    /// `temporary_raise`: 2× (or 3×) the default — the current limit when there is no
    /// default or it is higher — for a job that hit the limit in the latest buckets only.
    func temporaryRaise(
        _ candidate: LimitCandidate, history: DemandHistory, recentNear: [DemandHistory.Bucket], others: [DemandHistory.Bucket]
    ) -> Recommendation {
        let period = candidate.period
        guard let job = DemandHistory.peakBucket(of: recentNear) else { return keep(candidate, history: history, near: [], needed: 0) }
        let base = max(candidate.limit, candidate.defaultLimit ?? candidate.limit)
        let baseName = candidate.defaultLimit == base ? "the default" : "the current limit"
        let wanted = HumanNumber.scaled(job.demand, by: headroom)
        let double = HumanNumber.multiplied(base, by: RecommendationRules.temporaryFactor)
        let triple = HumanNumber.multiplied(base, by: RecommendationRules.maximumTemporaryFactor)
        let recommended = double >= wanted ? double : triple
        var reason = "one-off: demand \(RecommendationText.count(job.demand)) \(RecommendationText.bucket(job.range, of: period)) "
            + "(\(RecommendationText.percent(job.demand, of: candidate.limit)) of \(RecommendationText.limit(candidate)))"
        let calm = others.map(\.demand).max() ?? 0
        // The recent buckets are the job's window: the quiet ones are those before it.
        let recent = history.buckets.count - others.count
        reason += " while the \(RecommendationText.buckets(others.count, of: period)) before "
            + "\(RecommendationText.lastBuckets(recent, of: period)) stayed at or under "
            + "\(RecommendationText.count(calm)) (≤ \(RecommendationText.share(RecommendationRules.quietShare)))"
        reason += "; the job needs \(RecommendationText.count(job.demand)) × \(RecommendationText.factor(headroom)) = "
            + "\(RecommendationText.count(wanted))"
        if recommended == double {
            reason += ": 2× \(baseName) \(RecommendationText.count(base)) = \(RecommendationText.count(double)) covers it"
        } else if triple >= wanted {
            reason += ": 2× \(baseName) \(RecommendationText.count(base)) would not cover it, 3× = \(RecommendationText.count(triple))"
        } else {
            reason += ", more than 3× \(baseName) \(RecommendationText.count(base)): giving 3× = \(RecommendationText.count(triple)); "
                + "ask the user to split the job, or review a larger raise"
        }
        reason += "; set it back to \(RecommendationText.count(candidate.limit)) after the job"
        return candidate.recommendation(.temporaryRaise, to: recommended, reason: reason)
    }

    /// `revert_to_default` or `lower` for a custom limit long unused; nil when the limit is
    /// not custom, the history is too short, or the demand does not allow either.
    func unusedAdvice(for candidate: LimitCandidate, history: DemandHistory) -> Recommendation? {
        guard candidate.isCustom, isLongEnough(history) else { return nil }
        let peak = history.peak
        let span = "\(RecommendationText.lastBuckets(history.buckets.count, of: candidate.period)) "
            + "(history since \(history.historyStart.map(\.description) ?? "?"))"
        if let defaultLimit = candidate.defaultLimit, candidate.limit > defaultLimit,
           Double(peak) <= nearLimit * Double(defaultLimit) {
            let reason = "\(RecommendationText.limit(candidate)) is not needed: peak demand \(RecommendationText.count(peak)) over \(span) "
                + "stays under \(RecommendationText.share(nearLimit)) of the default \(RecommendationText.count(defaultLimit)); "
                + "remove the custom value to return to the default"
            return candidate.recommendation(.revertToDefault, to: defaultLimit, reason: reason)
        }
        guard Double(peak) < RecommendationRules.unusedShare * Double(candidate.limit) else { return nil }
        let sized = HumanNumber.scaled(peak, by: headroom * RecommendationRules.lowerSlackFactor)
        let recommended = HumanNumber.roundedUp(max(sized, RecommendationRules.minimumLoweredLimit))
        guard recommended < candidate.limit else { return nil }
        var reason = "\(RecommendationText.limit(candidate)) is mostly unused: peak demand \(RecommendationText.count(peak)) over \(span) "
            + "is \(RecommendationText.percent(peak, of: candidate.limit)) of it (< \(RecommendationText.share(RecommendationRules.unusedShare))); "
            + "\(RecommendationText.count(peak)) × \(RecommendationText.factor(headroom)) × "
            + "\(RecommendationText.factor(RecommendationRules.lowerSlackFactor)) = \(RecommendationText.count(sized))"
        if sized < RecommendationRules.minimumLoweredLimit {
            reason += ", at least \(RecommendationText.count(RecommendationRules.minimumLoweredLimit))"
        }
        reason += " → \(RecommendationText.count(recommended))"
        return candidate.recommendation(.lower, to: recommended, reason: reason)
    }

    /// Whether the history is long enough to call a limit unused.
    func isLongEnough(_ history: DemandHistory) -> Bool {
        history.historyDays >= RecommendationRules.minimumHistoryDays
            && history.completeBuckets >= RecommendationRules.minimumHistoryBuckets
    }

    /// `keep`, saying how the peak compares with the limit and why no rule applied.
    func keep(_ candidate: LimitCandidate, history: DemandHistory, near: [DemandHistory.Bucket], needed: Int) -> Recommendation {
        let period = candidate.period
        let peak = history.peak
        var reason: String
        if history.buckets.isEmpty {
            reason = "no use recorded up to the audit moment"
        } else {
            reason = "peak \(RecommendationText.count(peak)) is \(RecommendationText.percent(peak, of: candidate.limit)) of "
                + "\(RecommendationText.limit(candidate)) over \(RecommendationText.lastBuckets(history.buckets.count, of: period))"
        }
        if !near.isEmpty {
            reason += "; ≥ \(RecommendationText.share(nearLimit)) on \(RecommendationText.count(Int64(near.count))) of them: "
                + "not sustained (\(RecommendationText.count(Int64(needed))) needed)"
            if near.contains(where: \.isRecent), !history.buckets.contains(where: { !$0.isRecent }) {
                reason += " and no earlier \(FindingText.bucketNoun(period)) to tell a one-off job from lasting demand"
            } else if near.contains(where: \.isRecent) {
                reason += " and not a one-off (other \(FindingText.bucketNoun(period))s above "
                    + "\(RecommendationText.share(RecommendationRules.quietShare)))"
            } else {
                reason += ", and none in \(RecommendationText.lastBuckets(RecommendationRules.recentBuckets(for: period), of: period))"
            }
        } else if candidate.isCustom, !isLongEnough(history),
                  Double(peak) < RecommendationRules.unusedShare * Double(candidate.limit)
                    || candidate.defaultLimit.map({ candidate.limit > $0 && Double(peak) <= nearLimit * Double($0) }) == true {
            reason += "; the history (\(RecommendationText.count(Int64(history.historyDays))) days) is too short to call the "
                + "custom value unused (\(RecommendationRules.minimumHistoryDays) days and "
                + "\(RecommendationText.buckets(RecommendationRules.minimumHistoryBuckets, of: period)) needed)"
        }
        // Past the limit in the latest buckets is no limit that fits, whatever the rules
        // could not tell: listed for a person to look at.
        let recentPeak = DemandHistory.peakBucket(of: near.filter(\.isRecent))?.demand ?? 0
        if recentPeak > candidate.limit {
            reason += ": look at the user (raise for good if the demand lasts, else a temporary raise)"
            return candidate.recommendation(.review, to: nil, reason: reason)
        }
        return candidate.recommendation(.keep, to: nil, reason: reason)
    }
}
