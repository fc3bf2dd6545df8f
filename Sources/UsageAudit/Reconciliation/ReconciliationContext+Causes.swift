extension ReconciliationContext {
    /// The detail of a counter that holds the previous bucket's use plus this one's: the
    /// reset was skipped and counting went on (`stale_reset`); nil otherwise.
    func skippedResetDetail(profile: StoredProfile, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String? {
        let previous = index.counts(user: profile.user, scope: profile.scope, in: bucket.previous).units
        guard previous != 0, usage.fits(stored, tolerance: tolerance, shiftedBy: previous) else { return nil }
        let period = bucket.period
        return driftBase(profile: profile, bucket: bucket, stored: stored, usage: usage)
            + ": equals \(FindingText.previousBucket(period)) \(FindingText.count(previous)) plus "
            + "\(FindingText.currentBucket(period))'s use: \(FindingText.reset(period)) was skipped and counting went on"
    }

    /// What the store and the logs say of a drifting counter: `stored 4,812, logs show
    /// 4,790 since …`, with the snapshot and coverage notes.
    func driftBase(profile: StoredProfile, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String {
        let start = FindingText.moment(calendar.startOfDay(bucket.range.start), calendar: calendar)
        return "stored \(FindingText.count(stored)), logs show \(usage.description) since \(start)"
            + snapshotNote(profile, bucket) + coverageNote(usage)
    }

    /// The `drift` detail: what the store and the logs say, and the likely cause where the
    /// data shows one, tried in this order: a skipped reset, refused requests charged, a
    /// day counted in two buckets, requests past the limit served but not charged; else
    /// lost increments or over-counting. A boundary shifted by whole hours (a time-zone
    /// bug) is judged across counters afterwards (`ZoneDiagnosis`).
    func driftDetail(profile: StoredProfile, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String {
        let user = profile.user
        let scope = profile.scope
        let period = bucket.period
        let base = driftBase(profile: profile, bucket: bucket, stored: stored, usage: usage)
        func fits(_ shift: Int64) -> Bool { shift != 0 && usage.fits(stored, tolerance: tolerance, shiftedBy: shift) }

        if let skipped = skippedResetDetail(profile: profile, bucket: bucket, stored: stored, usage: usage) {
            return skipped
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

    /// The whole-hour shifts of the bucket's start that make the recomputed use fit the
    /// stored counter: a store bucketing in a zone `s` hours behind the configured one starts
    /// its day `s` hours later, so its counter holds the use since `start + s` (or, when that
    /// is still ahead of the snapshot, since the previous bucket's `start + s`). Shifts are
    /// tried for store zones from UTC−12 to UTC+14. Nil without hourly data covering the
    /// shifted boundaries, for a bucket the store has not reset since, for use known from
    /// below only (some shift would always fit), or when no shift fits.
    func zoneMatch(for profile: StoredProfile, bucket: CounterBucket, stored: Int64) -> ZoneDiagnosis.Match? {
        guard !bucket.isExpired, let hourly, let scopes = scopeIndices[profile.scope] else { return nil }
        let usage = recomputed(user: profile.user, scope: profile.scope, bucket: bucket)
        guard !usage.isOpenEnded, !usage.fits(stored, tolerance: tolerance) else { return nil }
        let start = calendar.startOfDay(bucket.range.start)
        let previousStart = calendar.startOfDay(bucket.previous.start)
        let offset = Int64(calendar.utcOffset(at: start))
        let offsetHours = offset >= 0 ? offset / 3600 : -((-offset + 3599) / 3600)
        var fitting: [ZoneDiagnosis.Shift] = []
        for hours in max(-23, offsetHours - 14)...min(23, offsetHours + 12) where hours != 0 {
            var from = Saturating.add(start, hours * 3600)
            let shift: Int64
            if from <= bucket.snapshot {
                let span = hours < 0
                    ? hourly.counts(user: profile.user, scopes: scopes, from: from, to: start)
                    : hourly.counts(user: profile.user, scopes: scopes, from: start, to: from)
                guard let span else { continue }
                shift = hours < 0 ? span.units : -span.units
            } else {
                from = Saturating.add(previousStart, hours * 3600)
                guard from <= bucket.snapshot,
                      let span = hourly.counts(user: profile.user, scopes: scopes, from: from, to: start)
                else { continue }
                shift = span.units
            }
            if shift != 0, usage.fits(stored, tolerance: tolerance, shiftedBy: shift) {
                fitting.append(ZoneDiagnosis.Shift(hours: hours, from: from, storeOffset: offset - hours * 3600))
            }
        }
        guard !fitting.isEmpty else { return nil }
        return ZoneDiagnosis.Match(
            period: bucket.period.name, noun: FindingText.bucketNoun(bucket.period),
            base: driftBase(profile: profile, bucket: bucket, stored: stored, usage: usage), shifts: fitting)
    }
}
