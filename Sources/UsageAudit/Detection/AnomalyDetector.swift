/// Finds use out of character (DESIGN §6, `anomalies.csv`): spikes against each user's
/// own robust baseline, new users heavy from the start, use near or at a limit, and days
/// concentrated in one hour — each finding with its evidence.
///
/// A day is judged only from the days strictly before it (and, for `new_heavy_user`, from
/// the other users' days before it), so a nightly run over one day's logs and a backfill
/// over thirty give the same findings for the same day, whatever later days the history
/// store holds.
///
/// Series judged, per user:
/// * every scope, and `all` — but a daily finding (`spike`, `new_heavy_user`, `burst`) of
///   `all` is dropped when one of the user's scopes has one of the same kind that day, so
///   a spike is reported once, where it happened;
/// * `other` like any scope when the configuration has `[[scope]]` rules (use outside the
///   named scopes is use too); without rules `other` is all there is, the same series as
///   `all`, and only `all` is judged for daily findings.
public struct AnomalyDetector {
    public let configuration: AuditConfiguration
    public let limits: LimitResolver
    public let calendar: ZonedCalendar

    public init(configuration: AuditConfiguration, limits: LimitResolver, calendar: ZonedCalendar) {
        self.configuration = configuration
        self.limits = limits
        self.calendar = calendar
    }

    /// Every anomaly of the days and buckets of `window`, sorted by user (UTF-8), scope
    /// (`all` first, then configuration order), period, bucket start and kind.
    /// - Parameters:
    ///   - usage: the users' whole history (as the state store holds it) plus this run.
    ///   - hourly: the hourly usage of the run's input (bursts are judged where it covers).
    ///   - window: the buckets reported; its `days` are the days judged.
    ///   - asOf: the audit moment; hours after it are not judged for bursts.
    public func anomalies(usage: UsageAggregate, hourly: HourlyUsage, window: ReportWindow, asOf: Int64) -> [Anomaly] {
        let plan = DetectionPlan(
            configuration: configuration, window: window, hourly: hourly, calendar: calendar, asOf: asOf,
            reframes: limits.reframes)
        let table = DailyUnitsTable(usage: usage, scopeCount: configuration.scopeNames.count, days: plan.keptDays)
        var scan = DetectionScan(detector: self, plan: plan, table: table, usage: usage, hourly: hourly)
        for user in 0..<table.userCount where table.hasEntries(user: user) {
            scan.scan(user: user)
        }
        scan.judgeNewUsers()
        return Anomaly.sorted(Self.withoutDoubleReports(scan.findings), configuration: configuration)
    }

    /// `findings` without the daily findings of `all` that one of the user's scopes already
    /// reports that day (`spike` and `new_heavy_user` count as one family, `burst` as another).
    static func withoutDoubleReports(_ findings: [Anomaly]) -> [Anomaly] {
        struct Key: Hashable {
            var user: String
            var day: LocalDay
            var burst: Bool
        }
        func key(_ anomaly: Anomaly) -> Key? {
            switch anomaly.kind {
            case .spike, .newHeavyUser: return Key(user: anomaly.user, day: anomaly.bucket.start, burst: false)
            case .burst: return Key(user: anomaly.user, day: anomaly.bucket.start, burst: true)
            case .nearLimit, .limitReached: return nil
            }
        }
        var reportedInScopes = Set<Key>()
        for anomaly in findings where anomaly.scope != AuditConfiguration.allScope {
            if let key = key(anomaly) { reportedInScopes.insert(key) }
        }
        guard !reportedInScopes.isEmpty else { return findings }
        return findings.filter { anomaly in
            guard anomaly.scope == AuditConfiguration.allScope, let key = key(anomaly) else { return true }
            return !reportedInScopes.contains(key)
        }
    }
}
