import Foundation
import Logging

/// The audit pipeline as one call: count the inputs, roll usage up into periods, and
/// hand back an `AuditOutcome` for the reports.
public struct Audit: Sendable {
    public let plan: CountingPlan

    /// Loads the key directory the configuration names and compiles the log format.
    public init(configuration: AuditConfiguration) throws(AuditError) {
        var keys = KeyDirectory()
        if let keysFile = configuration.identity.keysFile {
            do {
                keys = try KeyDirectory.load(path: configuration.resolve(path: keysFile))
            } catch {
                throw .configuration(error)
            }
        }
        do {
            plan = try CountingPlan(configuration: configuration, keys: keys)
        } catch {
            throw .format(error)
        }
    }

    /// Counts `inputs`, computes the report rows and reconciles the stored counters.
    /// - Parameters:
    ///   - asOf: the audit moment; nil means the latest request time seen.
    ///   - profiles: the stored counters to audit (empty: only the logs' own evidence).
    ///   - tolerance: units a stored counter may differ by (requests in flight at snapshot time).
    public func run(
        inputs: [InputSource], asOf: Int64?, profiles: [StoredProfile] = [], tolerance: Int64 = 0,
        workers: Int = System.coreCount, logger: Logger, progress: CountingProgress? = nil
    ) throws(AuditError) -> AuditOutcome {
        let configuration = plan.configuration
        let clock = ContinuousClock()
        let start = clock.now
        let result: CountResult
        do {
            result = try UsageCounting(plan: plan, workers: workers, asOf: asOf).count(inputs, logger: logger, progress: progress)
        } catch {
            throw .input(error)
        }
        let counted = clock.now
        let moment = asOf ?? result.totals.last ?? Int64(Date().timeIntervalSince1970)
        let calendar = ZonedCalendar(timeZone: configuration.timeZone)
        let window = ReportWindow(aggregate: result.aggregate, asOf: moment, calendar: calendar)
        let rows = PeriodRollup(configuration: configuration).rows(of: result.aggregate) { _, range in window.contains(range) }
        let rolled = clock.now
        let findings = Reconciler(configuration: configuration, tolerance: tolerance).findings(
            profiles: profiles, usage: result.aggregate, asOf: moment, calendar: calendar,
            hourly: result.hourly, includes: { _, range in window.contains(range) },
            coverageStart: result.totals.first.map { calendar.localDay(containing: $0) })
        let reconciled = clock.now
        logger.debug("reconciled \(profiles.count) stored counters: \(findings.count) findings")
        return AuditOutcome(
            configuration: configuration, result: result, asOf: moment, usageRows: rows,
            profiles: profiles, findings: findings,
            timings: [
                ("count_seconds", (counted - start).seconds), ("rollup_seconds", (rolled - counted).seconds),
                ("reconcile_seconds", (reconciled - rolled).seconds),
            ])
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
