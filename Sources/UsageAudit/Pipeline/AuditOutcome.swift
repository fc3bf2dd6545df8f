/// Everything one audit computed, ready to be written as reports.
public struct AuditOutcome: Sendable {
    public var configuration: AuditConfiguration
    public var result: CountResult
    /// The audit moment, in epoch seconds.
    public var asOf: Int64
    /// `usage.csv` rows (rolled up from `usage` as they are read).
    public var usageRows: UsageRows
    /// The stored counters audited (empty when no `--profiles` was given).
    public var profiles: [StoredProfile]
    /// The effective limit of every row: profile → quota default → none.
    public var limits: LimitResolver
    /// `reconciliation.csv` rows, sorted.
    public var findings: [ReconciliationFinding]
    /// Usage per user, scope and day: the stored history plus this run (this run alone
    /// without a state store) — what the reports are computed from.
    public var usage = UsageAggregate()
    /// Hourly usage of the last two days, stored and new.
    public var hourly = HourlyUsage()
    /// The buckets reported on.
    public var window = ReportWindow(asOfDay: LocalDay(number: 0), touchedDays: [])
    /// The layout the stored profiles were read with (`long`, `whg`, …), nil without them.
    public var profileLayout: String?
    /// The database table the profiles were read from, nil for a file (`LoadedProfiles.table`).
    public var profileTable: String?
    /// `anomalies.csv` rows, sorted.
    public var anomalies: [Anomaly] = []
    /// `recommendations.csv` rows, sorted.
    public var recommendations: [Recommendation] = []
    /// Seconds spent per stage.
    public var timings: [(String, Double)]
    /// The state commit when the audit returned before it ended (`awaitsCommit: false`).
    public var pendingCommit: PendingCommit?
    /// Timings of work that ran beside the stages rather than after them (the state commit,
    /// on a thread of its own): left out of a sum of the stages.
    public static let besideTimings: Set<String> = [stateCommitTiming]
    /// The timing of building and committing the state update.
    public static let stateCommitTiming = "state_commit_seconds"

    public init(
        configuration: AuditConfiguration, result: CountResult, asOf: Int64, usageRows: UsageRows,
        profiles: [StoredProfile] = [], findings: [ReconciliationFinding] = [], timings: [(String, Double)]
    ) {
        self.configuration = configuration
        self.result = result
        self.asOf = asOf
        self.usageRows = usageRows
        self.profiles = profiles
        limits = LimitResolver(profiles: profiles, configuration: configuration)
        self.findings = findings
        self.timings = timings
        usage = result.aggregate
        hourly = result.hourly
        window = ReportWindow(aggregate: result.aggregate, asOf: asOf, calendar: ZonedCalendar(timeZone: configuration.timeZone))
    }

    /// Waits for a pending state commit and adds its timings (`commit_wait_seconds`, how
    /// long this waited; `state_commit_seconds`, how long it took); nothing without one.
    /// - Throws: `AuditError.state` when the commit failed: the store is as it was.
    public mutating func awaitCommit() throws(AuditError) {
        guard let commit = pendingCommit else { return }
        // A failed commit stays pending: asking again throws again.
        let (waited, took) = try commit.wait()
        pendingCommit = nil
        timings.append(("commit_wait_seconds", waited))
        // Beside the stages, not after them: building and committing the state update.
        timings.append((Self.stateCommitTiming, took))
    }

    /// Rolls the state commit back and waits for it: for a run that fails before it can
    /// publish its reports, which then leaves the store as it was (DESIGN §7).
    public mutating func abandonCommit() {
        guard let commit = pendingCommit else { return }
        commit.abandon()
        pendingCommit = nil
    }

    /// One line for stderr that names the damaged inputs (the first three) and says what
    /// was counted of them; summary.json has the details.
    public var damageMessage: String {
        let damaged = result.damagedInputs
        let changed = damaged.contains { if case .changed = $0.content { return true } else { return false } }
        var names = damaged.prefix(3).map(\.path).joined(separator: ", ")
        if damaged.count > 3 { names += " and \(damaged.count - 3) more" }
        let inputs = damaged.count == 1 ? "input" : "\(damaged.count) inputs"
        let since = damaged.count == 1 ? "since it was counted" : "since they were counted"
        let copies = damaged.allSatisfy { if case .alreadyCounted = $0.content { return true } else { return false } }
        if copies {
            return "\(inputs) damaged: \(names); \(damaged.count == 1 ? "it is a copy" : "they are copies") of a log counted before, cut short: nothing of \(damaged.count == 1 ? "it" : "them") was counted again"
        }
        return changed
            ? "\(inputs) damaged or changed \(since): \(names); everything readable and new was counted"
            : "\(inputs) damaged: \(names); everything readable was counted"
    }

    /// Whether some input was damaged (exit code 4).
    public var hasDamage: Bool { !result.damagedInputs.isEmpty }
}
