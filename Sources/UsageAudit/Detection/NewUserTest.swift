/// Whether a user with too little history for a baseline is heavy from the start
/// (`new_heavy_user`): judged against a cohort prior — what established users do on a
/// usual day in the same scope — and against the user's own limit.
///
/// A user is new in a scope on a day with fewer than `DailyBaseline.minimumHistory` days
/// of history before it, and a first day at least that many days after the first day of
/// the data (a user active in the data's first days may be long established). The day is heavy when its units reach the cohort figure (the
/// `cohortPercentile` of established users' median day, and at least `minimumUnits`) or
/// `limitShare` of the user's smallest limit in that scope.
struct NewUserTest: Sendable {
    /// Below 500 units a day a new user is not worth a finding, whatever the cohort: on the
    /// very first nightly runs most users are "new" and the cohort is still small.
    static let minimumUnits: Int64 = 500
    /// Heavier than 95 % of the established users' usual day: the heaviest twentieth.
    static let cohortPercentile = 0.95
    /// With fewer established users than this the cohort says nothing (the first runs of
    /// an audit, a scope few use); only the limit rule applies.
    static let minimumCohort = 20
    /// Half of a limit on one of the first days is heavy whatever the cohort does.
    static let limitShare = 0.5

    /// The cohort prior of one scope on one day.
    struct Cohort: Equatable, Sendable {
        /// The `cohortPercentile` of the established users' median daily units.
        var figure: Double
        /// How many established users it was taken over.
        var size: Int
    }

    /// The prior from the median days of the established users (sorted in place); nil
    /// with fewer than `minimumCohort` of them.
    static func cohort(_ medians: inout [Double]) -> Cohort? {
        guard medians.count >= minimumCohort else { return nil }
        medians.sort()
        // Nearest rank: the smallest value with at least 95 % of the cohort at or below it.
        let rank = Int((cohortPercentile * Double(medians.count)).rounded(.up))
        return Cohort(figure: medians[min(max(rank, 1), medians.count) - 1], size: medians.count)
    }

    /// A limit in units and the period it is for.
    struct Limit: Equatable, Sendable {
        var units: Int64
        var period: Period
    }

    /// Whether `observed` units on one of a new user's first days are heavy.
    static func isHeavy(observed: Int64, cohort: Cohort?, limit: Limit?) -> Bool {
        let count = Double(observed)
        if let cohort, observed >= minimumUnits, count >= cohort.figure { return true }
        if let limit, limit.units > 0, count >= limitShare * Double(limit.units), count >= SpikeTest.minimumExcess {
            return true
        }
        return false
    }

    /// `new user, first day of use: 3,200 requests vs 1,450 at the 95th percentile of 812
    /// established users' median day, 64% of the 5,000 daily limit`.
    static func detail(observed: Int64, requests: Bool, historyDays: Int, cohort: Cohort?, limit: Limit?) -> String {
        var text = "new user, " + (historyDays == 0 ? "first day of use" : "\(historyDays) day\(historyDays == 1 ? "" : "s") of history")
            + ": " + AnomalyText.quantity(observed, requests: requests)
        // The cohort is quoted when it is what made the day heavy (else the limit did).
        if let cohort, observed >= minimumUnits, Double(observed) >= cohort.figure {
            text += " vs \(AnomalyText.amount(cohort.figure)) at the \(Int(cohortPercentile * 100))th percentile"
                + " of \(AnomalyText.count(Int64(cohort.size))) established users' median day"
        }
        if let limit {
            text += AnomalyText.limitShare(observed, limit: limit.units, period: limit.period)
        }
        return text
    }
}
