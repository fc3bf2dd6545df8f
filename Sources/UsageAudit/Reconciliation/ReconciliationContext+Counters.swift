extension ReconciliationContext {
    /// Compares a profile's stored `used` counter with the recomputed units of its bucket:
    /// nothing when they agree within the tolerance, `stale_reset` when the counter still
    /// holds an earlier bucket's count, `drift` (with its likely cause) otherwise.
    func counterFinding(for profile: StoredProfile, bucket: CounterBucket) -> ReconciliationFinding? {
        guard let stored = profile.used else { return nil }
        // Logs that start after the bucket began prove only part of its use: no verdict.
        if let coverageStart, bucket.range.start < coverageStart { return nil }
        let scope = profile.scope
        let usage = recomputed(user: profile.user, scope: scope, bucket: bucket)
        func finding(_ kind: FindingKind, recomputed: Int64, _ detail: String, from used: RecomputedUsage = usage) -> ReconciliationFinding {
            var finding = ReconciliationFinding(
                user: profile.user, scope: scope, period: bucket.period, bucket: bucket.range, field: "used",
                stored: stored, recomputed: recomputed, kind: kind, detail: detail, origin: profile.origin)
            finding.recomputedIsLeast = used.isOpenEnded
            return finding
        }
        let fits = usage.fits(stored, tolerance: tolerance)
        if bucket.isExpired {
            // The store dates its window and has not started a new one since it ended.
            guard fits, stored > 0 else {
                return fits ? nil : finding(.drift, recomputed: usage.nearest(to: stored), driftDetail(
                    profile: profile, bucket: bucket, stored: stored, usage: usage))
            }
            let since = CounterBucket(
                period: bucket.period, range: DayRange(start: bucket.range.end, end: bucket.snapshotDay.clampedAdding(days: 1)),
                snapshot: bucket.snapshot, snapshotDay: bucket.snapshotDay)
            let current = recomputed(user: profile.user, scope: scope, bucket: since)
            return finding(.staleReset, recomputed: current.nearest(to: stored), "still shows \(FindingText.count(stored)), the count of the "
                + "\(FindingText.bucketNoun(bucket.period)) \(bucket.range) that ended on \(bucket.range.end): the reset "
                + "has not been applied\(Self.staleCause(calledSince: current.lower > 0))", from: current)
        }
        if fits { return nil }
        if let stale = staleDetail(profile: profile, bucket: bucket, stored: stored, usage: usage)
            ?? skippedResetDetail(profile: profile, bucket: bucket, stored: stored, usage: usage) {
            return finding(.staleReset, recomputed: usage.nearest(to: stored), stale)
        }
        return finding(.drift, recomputed: usage.nearest(to: stored), driftDetail(
            profile: profile, bucket: bucket, stored: stored, usage: usage))
    }

    /// Why a reset is missing: a lazy reset waits for the next call, so calls since the
    /// boundary that did not apply it point elsewhere (calls the logs prove: after the logs
    /// end, nothing is known of them).
    private static func staleCause(calledSince: Bool) -> String {
        calledSince
            ? ", though the calls since should have applied it (a reset on some code paths only, or a reset job that did not run)"
            : " (lazy reset on next call)"
    }

    /// The stale-reset explanation when `stored` equals the previous bucket's units, or
    /// those of the last bucket with use when the user has been idle since (a frozen
    /// counter); nil otherwise.
    private func staleDetail(profile: StoredProfile, bucket: CounterBucket, stored: Int64, usage: RecomputedUsage) -> String? {
        let previous = index.counts(user: profile.user, scope: profile.scope, in: bucket.previous).units
        let current = FindingText.currentBucket(bucket.period)
        let now = usage.upper == 0
            ? "with no use \(current)"
            : "although the logs show \(usage.description) \(current)"
        if previous > 0, Saturating.within(stored, previous, tolerance) {
            return "still shows \(FindingText.previousBucket(bucket.period)) \(FindingText.count(previous)) \(now): "
                + "\(FindingText.reset(bucket.period)) has not been applied\(Self.staleCause(calledSince: usage.lower > 0))"
        }
        guard let lastDay = index.lastDayWithUnits(user: profile.user, scope: profile.scope, before: bucket.previous.start)
        else { return nil }
        let frozen = bucket.bucket(containing: lastDay)
        let units = index.counts(user: profile.user, scope: profile.scope, in: frozen).units
        guard units > 0, Saturating.within(stored, units, tolerance) else { return nil }
        return "still shows \(FindingText.count(units)), the count of the \(FindingText.bucketNoun(bucket.period)) "
            + "\(frozen) (no use since) \(now): the counter of an idle user was never reset (a frozen counter "
            + "re-fires 'exceeded' every \(FindingText.bucketNoun(bucket.period)))"
    }

    /// Flags a stored lifetime `total` below the units the logs alone prove up to the
    /// snapshot (every day of the input in the profile's scope).
    func totalFinding(for profile: StoredProfile, bucket: CounterBucket) -> ReconciliationFinding? {
        guard let total = profile.total,
              let series = index.series(user: profile.user, scope: profile.scope),
              let first = series.days.first
        else { return nil }
        let lifetime = CounterBucket(
            period: bucket.period, range: DayRange(start: first, end: bucket.snapshotDay.clampedAdding(days: 1)),
            snapshot: bucket.snapshot, snapshotDay: bucket.snapshotDay)
        let proven = recomputed(user: profile.user, scope: profile.scope, bucket: lifetime).lower
        guard total < Saturating.subtract(proven, tolerance) else { return nil }
        return ReconciliationFinding(
            user: profile.user, scope: profile.scope, period: bucket.period, bucket: lifetime.range, field: "total",
            stored: total, recomputed: proven, kind: .totalRegression,
            detail: "lifetime total \(FindingText.count(total)) is below the \(FindingText.count(proven)) units the logs "
                + "alone show since \(first)\(snapshotNote(profile, bucket)): the lifetime counter went down (reset, "
                + "restored from an older backup) or lost \(FindingText.count(Saturating.subtract(proven, total))) increments",
            origin: profile.origin)
    }

    /// ` up to the snapshot at 2026-11-20 14:00 +01:00` when the profile has its own
    /// snapshot moment, empty when it was read at the audit moment.
    func snapshotNote(_ profile: StoredProfile, _ bucket: CounterBucket) -> String {
        guard profile.snapshotAt != nil, bucket.snapshot != asOf else { return "" }
        return " up to the snapshot at \(FindingText.moment(bucket.snapshot, calendar: calendar))"
    }
}
