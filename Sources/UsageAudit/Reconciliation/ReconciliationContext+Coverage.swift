extension ReconciliationContext {
    /// `unknown_scope` for a profile whose scope the configuration does not define: its
    /// counter cannot be compared with anything.
    func unknownScopeFinding(for profile: StoredProfile, bucket: CounterBucket) -> ReconciliationFinding {
        let known = ([AuditConfiguration.allScope] + configuration.scopeNames).joined(separator: ", ")
        return ReconciliationFinding(
            user: profile.user, scope: profile.scope, period: bucket.period, bucket: bucket.range, field: "scope",
            stored: profile.used, recomputed: nil, kind: .unknownScope,
            detail: "the configuration has no scope named '\(profile.scope)' (it has \(known)): this counter cannot be "
                + "checked; add a [[scope]] rule for it or map the store's service name to a configured scope",
            origin: profile.origin)
    }

    /// `orphan_profile` for a profile with stored use — or, when the store keeps no period
    /// counter, a lifetime total — of a user the logs never saw in any scope.
    ///
    /// A profile with `used = 0` and a lifetime total is an idle user, not an orphan: the
    /// logs of one night do not reach back to the use that built the total. Stored use
    /// within the tolerance of 0 agrees with the logs, as any counter within it does.
    func orphanFinding(for profile: StoredProfile, bucket: CounterBucket) -> ReconciliationFinding? {
        guard !index.hasTraffic(user: profile.user) else { return nil }
        let field: String
        let stored: Int64
        if let used = profile.used {
            // Use in a bucket that began before the logs may all predate them, and use after
            // the logs end may be all there is.
            guard used > 0, !Saturating.within(used, 0, tolerance), coverageStart.map({ bucket.range.start >= $0 }) ?? true, !endsBeyondCoverage(bucket)
            else { return nil }
            (field, stored) = ("used", used)
        } else if let total = profile.total, total > 0, !Saturating.within(total, 0, tolerance), coverageStart == nil {
            (field, stored) = ("total", total)
        } else {
            return nil
        }
        let what = field == "used" ? "stored use \(FindingText.count(stored))" : "lifetime total \(FindingText.count(stored))"
        return ReconciliationFinding(
            user: profile.user, scope: profile.scope, period: bucket.period, bucket: bucket.range, field: field,
            stored: stored, recomputed: 0, kind: .orphanProfile,
            detail: "\(what) but no request from this user in the logs, in any scope: the store may name the user "
                + "differently from the logs (e-mail, id, key), or these logs miss part of the API's traffic",
            origin: profile.origin)
    }

    /// `missing_profile` for each user with traffic under a quota but no profile for it,
    /// at the latest bucket `includes` admits. Only for quotas the store keeps at all (at
    /// least one profile for that scope and period), and never for anonymous `ip:` users.
    func missingProfileFindings(profiles: [StoredProfile]) -> [ReconciliationFinding] {
        var kept = Set<String>()
        for profile in profiles { kept.insert(profile.scope + "\u{0}" + profile.period.name) }
        var findings: [ReconciliationFinding] = []
        for quota in configuration.quotas where kept.contains(quota.scope + "\u{0}" + quota.period.name) {
            index.forEachUser(using: quota.scope) { user, series in
                guard !user.hasPrefix("ip:") else { return }
                let pair = (user: user, scope: quota.scope)
                guard resolver.profile(user: pair.user, scope: pair.scope, period: quota.period) == nil else { return }
                var latest: DayRange?
                for day in series.days.reversed() {
                    let range = quota.period.bucket(containing: day)
                    if includes(quota.period, range) {
                        latest = range
                        break
                    }
                }
                guard let latest else { return }
                let counts = series.counts(in: latest)
                let limit = resolver.limit(user: pair.user, scope: pair.scope, period: quota.period)
                let limitText = limit.reportedLimit.map { $0 < 0 ? "unlimited" : "limit \(FindingText.count($0))" } ?? "no default limit"
                findings.append(ReconciliationFinding(
                    user: pair.user, scope: pair.scope, period: quota.period, bucket: latest, field: "used",
                    stored: nil, recomputed: counts.units, kind: .missingProfile,
                    detail: "the logs show \(FindingText.quantity(counts.units, requestsOnly: counts.requests == counts.units)) "
                        + "\(phrase(for: latest, period: quota.period))"
                        + (counts.rejected > 0 ? " and \(FindingText.count(counts.rejected)) refused" : "")
                        + " under the \(quota.scope)/\(quota.period.name) quota (\(limitText)), but the store has no profile "
                        + "for this user: the use is not counted against the quota, or the store names the user differently"))
            }
        }
        return findings
    }
}
