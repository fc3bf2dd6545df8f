import CAllocator
import Foundation
import Logging

/// The audit pipeline as one call: count the inputs, roll usage up into periods, and
/// hand back an `AuditOutcome` for the reports.
public struct Audit: Sendable {
    public let plan: CountingPlan

    /// Loads the key directory the configuration names and compiles the log format.
    public init(configuration: AuditConfiguration) throws(AuditError) {
        plan = try Self.plan(configuration: configuration)
        // Loading the key directory read its file whole and a string per cell, all freed by
        // now; glibc keeps freed memory for later allocations unless asked (a million keys
        // once left 350 MB resident for the whole run).
        usage_audit_return_freed_memory()
    }

    /// The counting plan, with the key directory the configuration names (the plan's
    /// resolver and redactor share its tables).
    private static func plan(configuration: AuditConfiguration) throws(AuditError) -> CountingPlan {
        var keys = KeyDirectory()
        if let keysFile = configuration.identity.keysFile {
            do {
                keys = try KeyDirectory.load(path: configuration.resolve(path: keysFile))
            } catch {
                throw .configuration(error)
            }
        }
        do {
            return try CountingPlan(configuration: configuration, keys: keys)
        } catch {
            throw .format(error, line: configuration.log.formatLine)
        }
    }

    /// How many days before the first reported day the history is read: the detection
    /// baseline (4 weeks) and the recommendation look-back (up to 6 months of buckets).
    public static let historyDays = 190

    /// Counts `inputs`, adds `partials`, computes the report rows and reconciles the stored
    /// counters.
    /// - Parameters:
    ///   - partials: counts of shards of logs (`usage-audit partial`/`merge`), counted as
    ///     this run's input: a state store records their logs by content.
    ///   - asOf: the audit moment; nil means the latest request time seen.
    ///   - profiles: the stored counters to audit (empty: only the logs' own evidence).
    ///   - tolerance: units a stored counter may differ by (requests in flight at snapshot time).
    ///   - state: the state store: what was counted before is not counted again, reports
    ///     include the stored history, and this run's counts are committed in one
    ///     transaction, before returning unless `awaitsCommit` is false. Nil counts every
    ///     input whole, with no memory.
    ///   - includeKeep: list `keep` recommendations too.
    ///   - reviewDays: also report on this many days up to the audit moment (a review of the
    ///     store, as `explain` does, rather than of this run's input).
    ///   - recordsRun: false leaves the state store untouched (a review writes nothing).
    ///   - recordsContent: without a state store, still record each input by content
    ///     (`CountResult.countedInputs`), as counted against an empty store: what a partial
    ///     carries.
    ///   - analyses: false leaves reconciliation, detection and recommendations out (the
    ///     outcome has none): what a partial needs, which only counts.
    ///   - awaitsCommit: false returns while the state commit may still run, for the caller
    ///     to stage its reports meanwhile and `AuditOutcome.awaitCommit()` before publishing them.
    public func run(
        inputs: [InputSource], partials: [UsagePartial] = [], asOf: Int64?, profiles: [StoredProfile] = [], tolerance: Int64 = 0,
        state: (any StateStore)? = nil, includeKeep: Bool = false, reviewDays: Int = 0, recordsRun: Bool = true,
        awaitsCommit: Bool = true, recordsContent: Bool = false, analyses: Bool = true, workers: Int = System.coreCount, logger: Logger, progress: CountingProgress? = nil
    ) throws(AuditError) -> AuditOutcome {
        let configuration = plan.configuration
        let clock = ContinuousClock()
        let start = clock.now
        func memory(after stage: String) {
            guard logger.logLevel <= .debug, let memory = System.residentMegabytes else { return }
            logger.debug("after \(stage): \(memory.now) MB resident, \(memory.peak) MB peak")
        }
        let startedAt = Int64(Date().timeIntervalSince1970)
        var ledger: InputLedger?
        do {
            ledger = try state?.open(timeZoneName: configuration.timeZoneName)
        } catch {
            throw .state(error)
        }
        // An empty ledger records every input's content, as a partial must, and as finding a
        // log that a partial holds too needs.
        if ledger == nil && (recordsContent || !partials.isEmpty) { ledger = InputLedger() }
        var result = try UsageCounting(plan: plan, workers: workers, asOf: asOf).count(
            inputs, partials: partials, ledger: ledger, countedAt: startedAt, logger: logger, progress: progress)
        let counted = clock.now
        memory(after: "counting")
        // The latest request of the inputs the store counted before; without input (a review
        // of the store) it is the audit moment.
        let storedLast = ledger?.records.compactMap(\.last).max()
        let latest = [result.totals.last, result.recountedLast, inputs.isEmpty && partials.isEmpty ? storedLast : nil].compactMap { $0 }.max()
        let moment = asOf ?? latest ?? startedAt
        let calendar = ZonedCalendar(timeZone: configuration.timeZone)
        if let ledger, let first = result.totals.first {
            warnAboutMissedDays(before: calendar.localDay(containing: first), ledger: ledger, calendar: calendar, logger: logger)
        }
        let asOfDay = calendar.localDay(containing: moment)
        let reviewed = (0..<max(0, reviewDays)).map { asOfDay.adding(days: -$0) }
        let window = ReportWindow(
            asOfDay: asOfDay, touchedDays: result.aggregate.cellKeys.lazy.map(\.day) + result.recountedDays + reviewed)
        var usage = result.aggregate
        var hourly = result.hourly
        var coverageStart = result.totals.first.map { calendar.localDay(containing: $0) }
        // The last request of any input counted, in this run or an earlier one (the same
        // times the default audit moment comes from).
        var coverageEnd = [result.totals.last, result.recountedLast, storedLast].compactMap { $0 }.max()
        var commit: BackgroundCommit?
        if let state {
            var history: StoredHistory
            do {
                history = try state.history(from: historyStart(window: window))
            } catch {
                throw .state(error)
            }
            let joined = AuditHistory(configuration: configuration)
            let storedCells = history.cellCount
            // The stored slots go into this run's hourly table in place: `result` lets go of it.
            result.hourly = HourlyUsage()
            usage = joined.combine(&history, with: result, hourly: &hourly, logger: logger)
            coverageStart = [coverageStart, history.firstDay].compactMap { $0 }.min()
            // The last request counted so far, in this run or (kept hourly) in earlier ones.
            coverageEnd = [coverageEnd, hourly.latest == .min ? nil : hourly.latest].compactMap { $0 }.max()
            let run = RunRecord(
                startedAt: startedAt, asOf: moment, inputs: inputs.count, lines: result.totals.lines, version: UsageAuditVersion.current)
            if recordsRun {
                let (combined, combinedHourly, lastRun) = (usage, hourly, history.lastRun)
                let (fresh, countedInputs) = (result.aggregate, result.countedInputs)
                commit = BackgroundCommit({
                    joined.update(
                        fresh: fresh, combined: combined, hourly: combinedHourly, inputs: countedInputs, run: run,
                        readAfterRun: lastRun)
                }, to: state)
            }
            logger.debug("state \(state.description): \(result.countedInputs.count) input(s) recorded, \(storedCells) stored cells read")
        }
        let merged = clock.now
        memory(after: "joining the history")
        // Rolled up into periods while the usage reports are written, never held whole.
        let limits = LimitResolver(profiles: profiles, configuration: configuration)
        let rows = UsageRows(rollingUp: usage, configuration: configuration, window: window, limits: limits)
        // Reconciliation, detection and recommendations read the same aggregate and nothing
        // else of each other: they run side by side (each with a calendar of its own, which
        // caches), beside the state commit.
        let timeZone = configuration.timeZone
        // Reconciliation alone on one side, detection and recommendations on the other: the
        // two sides take about as long.
        // A partial only counts: the run that reads it judges.
        let ((findings, reconcileTime), (anomalies, detectTime, recommendations, recommendTime)) = !analyses
            ? (([ReconciliationFinding](), Duration.zero), ([Anomaly](), Duration.zero, [Recommendation](), Duration.zero))
            : Concurrently.run({
            let reconcileStart = clock.now
            let findings = Reconciler(configuration: configuration, tolerance: tolerance).findings(
                profiles: profiles, usage: usage, asOf: moment, calendar: ZonedCalendar(timeZone: timeZone),
                hourly: hourly, includes: { _, range in window.contains(range) }, includedFrom: window.firstDay,
                coverageStart: coverageStart, coverageEnd: coverageEnd)
            return (findings, clock.now - reconcileStart)
        }, {
            let detectStart = clock.now
            let anomalies = AnomalyDetector(configuration: configuration, limits: limits, calendar: ZonedCalendar(timeZone: timeZone))
                .anomalies(usage: usage, hourly: hourly, window: window, asOf: moment)
            let recommendStart = clock.now
            let recommendations = LimitRecommender(configuration: configuration, limits: limits, calendar: ZonedCalendar(timeZone: timeZone))
                .recommendations(usage: usage, profiles: profiles, asOf: moment, includeKeep: includeKeep)
            return (anomalies, recommendStart - detectStart, recommendations, clock.now - recommendStart)
        })
        let analysed = clock.now
        let beyond = Reconciler(configuration: configuration, tolerance: tolerance).countersBeyondLogs(
            profiles: profiles, resolver: limits, asOf: moment, calendar: ZonedCalendar(timeZone: timeZone), coverageEnd: coverageEnd)
        if beyond > 0, let coverageEnd {
            logger.warning("\(beyond.counted("stored counter")) \(beyond == 1 ? "is" : "are") of \(beyond == 1 ? "a bucket" : "buckets") that began after the logs end (\(ZonedCalendar(timeZone: timeZone).rfc3339(coverageEnd))): the logs prove nothing of \(beyond == 1 ? "it" : "them"), so \(beyond == 1 ? "it was" : "they were") not judged. To judge such counters, give the live log too, or read the counters when the logs end (snapshot_at, --snapshot-at)")
        }
        logger.debug("reconciled \(profiles.count) stored counters: \(findings.count) findings in \(reconcileTime.seconds) s")
        logger.debug("detection: \(anomalies.count) anomalies in \(detectTime.seconds) s, then recommendations: \(recommendations.count) in \(recommendTime.seconds) s (beside reconciliation)")
        memory(after: "the analyses")
        var outcome = AuditOutcome(
            configuration: configuration, result: result, asOf: moment, usageRows: rows,
            profiles: profiles, findings: findings,
            timings: [
                ("count_seconds", (counted - start).seconds), ("state_seconds", (merged - counted).seconds),
                ("analyses_seconds", (analysed - merged).seconds),
            ])
        outcome.pendingCommit = commit.map { PendingCommit($0, logger: logger) }
        if awaitsCommit { try outcome.awaitCommit() }
        outcome.anomalies = anomalies
        outcome.recommendations = recommendations
        outcome.usage = usage
        outcome.hourly = hourly
        outcome.window = window
        return outcome
    }

    /// Says when the days between the last day the store counted before `firstDay` (this
    /// run's first new request) and `firstDay` hold no counted request at all: a night that
    /// did not run leaves a gap that nothing else names, and the week and month buckets
    /// around it silently short. A counted log covers the days from its first request to
    /// its last (of any line that parsed, metered or not).
    private func warnAboutMissedDays(before firstDay: LocalDay, ledger: InputLedger, calendar: ZonedCalendar, logger: Logger) {
        let covered = ledger.records.compactMap { record -> (first: LocalDay, last: LocalDay)? in
            guard let first = record.first, let last = record.last else { return nil }
            return (calendar.localDay(containing: first), calendar.localDay(containing: last))
        }
        // A log that reaches to or past firstDay's eve leaves no gap.
        guard !covered.contains(where: { $0.first < firstDay && $0.last >= firstDay.adding(days: -1) }),
              let before = covered.lazy.filter({ $0.last < firstDay }).map(\.last).max(),
              firstDay.number - before.number > 1
        else { return }
        let (from, to) = (before.adding(days: 1), firstDay.adding(days: -1))
        let gap = from == to ? "\(from)" : "\(from) to \(to)"
        logger.warning("no log counted so far holds a request of \(gap): the state store's last day before this run's first (\(firstDay)) is \(before). A night that did not run? Give those days' logs (the rotated ones, such as access.log.2.gz) to a run to fill the gap; if the API had no traffic then, nothing is missing")
    }

    /// The first day whose stored use the reports need: the start of every bucket of every
    /// reported period that holds a reported day, and `historyDays` before the first of them.
    private func historyStart(window: ReportWindow) -> LocalDay {
        guard let first = window.days.first else { return window.asOfDay }
        var start = first.adding(days: -Self.historyDays)
        let configuration = plan.configuration
        for scope in [AuditConfiguration.allScope] + configuration.scopeNames {
            for period in configuration.periods(forScope: scope) {
                start = min(start, period.bucket(containing: first).start)
            }
        }
        return start
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
