extension ReconciliationContext {
    /// The `drift` detail: what the store and the logs say, and the likely cause where the
    /// data shows one, tried in this order: a bucket boundary shifted by whole hours (a
    /// time-zone bug), a skipped reset, refused requests charged, a day counted in two
    /// buckets, requests past the limit served but not charged; else lost increments or
    /// over-counting.
    func driftDetail(profile: StoredProfile, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String {
        let user = profile.user
        let scope = profile.scope
        let period = bucket.period
        let start = FindingText.moment(calendar.startOfDay(bucket.range.start), calendar: calendar)
        let base = "stored \(FindingText.count(stored)), logs show \(usage.description) since \(start)"
            + snapshotNote(profile, bucket) + coverageNote(usage)
        func fits(_ shift: Int64) -> Bool { shift != 0 && usage.fits(stored, tolerance: tolerance, shiftedBy: shift) }

        // With no upper bound, some shift always "fits": no zone is named then.
        if !bucket.isExpired, !usage.isOpenEnded,
           let shift = zoneShift(user: user, scope: scope, bucket: bucket, stored: stored, usage: usage) {
            return base + shift
        }
        let previous = index.counts(user: user, scope: scope, in: bucket.previous).units
        if fits(previous) {
            return base + ": equals \(FindingText.previousBucket(period)) \(FindingText.count(previous)) plus "
                + "\(FindingText.currentBucket(period))'s use: \(FindingText.reset(period)) was skipped and counting went on"
        }
        if stored > usage.upper {
            let excess = Saturating.subtract(stored, usage.upper)
            let rejected = index.counts(user: user, scope: scope, in: bucket.range).rejected
            if fits(rejected) {
                return base + ": \(FindingText.count(excess)) more than served, the \(FindingText.count(rejected)) "
                    + "refused requests (429): refused requests are charged"
            }
            let lastDay = bucket.range.start.clampedAdding(days: -1)
            let dayBefore = index.counts(user: user, scope: scope, on: lastDay).units
            if period != .day, fits(dayBefore) {
                return base + ": \(FindingText.count(excess)) more than served, the use of \(lastDay), the last day of "
                    + "the previous \(FindingText.bucketNoun(period)): that day is counted in two buckets (a cycle "
                    + "computed from a clamped end date)"
            }
            return base + ": \(FindingText.count(excess)) more counted than served (refused or failed requests "
                + "charged, or increments applied twice)"
        }
        let missing = Saturating.subtract(usage.lower, stored)
        let limit = resolver.limit(user: user, scope: scope, period: period)
        if case .units(let units) = limit.value, Saturating.within(stored, units, tolerance), usage.lower > units {
            return base + ": the counter stops at the limit \(FindingText.count(units)) while "
                + "\(FindingText.count(usage.lower)) were served: \(FindingText.quantity(missing, requestsOnly: usage.requestsOnly)) "
                + "past the limit served but not charged (pass-through, e.g. block=False)"
        }
        let lost = usage.requestsOnly ? "increment\(missing == 1 ? "" : "s")" : "unit\(missing == 1 ? "" : "s")"
        return base + ": \(FindingText.count(missing)) \(lost) lost (concurrent read-modify-write saves overwrite "
            + "each other, or requests not charged)"
    }

    /// ` (the logs end at …)` when the recomputed use has no upper bound.
    private func coverageNote(_ usage: RecomputedUsage) -> String {
        guard usage.isOpenEnded, let coverageEnd else { return "" }
        return " (the logs end at \(FindingText.moment(coverageEnd, calendar: calendar)), before that)"
    }

    /// `: … matches when the day starts at 01:00 …` when moving the bucket's start by a
    /// whole number of hours (−12…+14) makes the recomputed use fit the stored counter;
    /// nil without hourly data covering the shifted boundaries, or when no shift fits.
    ///
    /// A store bucketing in a zone `s` hours behind the configured one starts its day `s`
    /// hours later: its counter holds the use since `start + s` (or, when that is still
    /// ahead of the snapshot, since the previous bucket's `start + s`). When several
    /// shifts fit (sparse use), the one naming UTC wins, else the smallest.
    func zoneShift(user: String, scope: String, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String? {
        guard let hourly, let scopes = scopeIndices[scope] else { return nil }
        let start = calendar.startOfDay(bucket.range.start)
        let previousStart = calendar.startOfDay(bucket.previous.start)
        let offset = Int64(calendar.utcOffset(at: start))
        var fitting: [(hours: Int64, from: Int64)] = []
        for hours in Int64(-12)...14 where hours != 0 {
            var from = Saturating.add(start, hours * 3600)
            let shift: Int64
            if from <= bucket.snapshot {
                let span = hours < 0
                    ? hourly.counts(user: user, scopes: scopes, from: from, to: start)
                    : hourly.counts(user: user, scopes: scopes, from: start, to: from)
                guard let span else { continue }
                shift = hours < 0 ? span.units : -span.units
            } else {
                from = Saturating.add(previousStart, hours * 3600)
                guard from <= bucket.snapshot,
                      let span = hourly.counts(user: user, scopes: scopes, from: from, to: start)
                else { continue }
                shift = span.units
            }
            if shift != 0, usage.fits(stored, tolerance: tolerance, shiftedBy: shift) {
                fitting.append((hours, from))
            }
        }
        let best = fitting.first { offset - $0.hours * 3600 == 0 }
            ?? fitting.min { (abs($0.hours), $0.hours) < (abs($1.hours), $1.hours) }
        guard let best else { return nil }
        let storeZone = FindingText.zone(offset: offset - best.hours * 3600)
        let noun = FindingText.bucketNoun(bucket.period)
        let others = fitting.count > 1 ? " (\(fitting.count - 1) other shift\(fitting.count == 2 ? "" : "s") fit too: little use around the boundary)" : ""
        return ", but matches when the \(noun) starts at \(FindingText.moment(best.from, calendar: calendar)): "
            + "the store counts \(noun)s in \(storeZone), not \(FindingText.zoneName(calendar.timeZone)) — a time-zone bug "
            + "(boundary \(best.hours > 0 ? "+" : "")\(best.hours) h), not lost increments\(others)"
    }
}
