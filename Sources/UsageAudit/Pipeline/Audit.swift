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

    /// Counts `inputs` and computes the report rows.
    /// - Parameter asOf: the audit moment; nil means the latest request time seen.
    public func run(
        inputs: [InputSource], asOf: Int64?, workers: Int = System.coreCount,
        logger: Logger, progress: CountingProgress? = nil
    ) throws(AuditError) -> AuditOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let result: CountResult
        do {
            result = try UsageCounting(plan: plan, workers: workers).count(inputs, logger: logger, progress: progress)
        } catch {
            throw .input(error)
        }
        let counted = clock.now
        let rows = PeriodRollup(configuration: plan.configuration).rows(of: result.aggregate)
        let rolled = clock.now
        let moment = asOf ?? result.totals.last ?? Int64(Date().timeIntervalSince1970)
        return AuditOutcome(
            configuration: plan.configuration, result: result, asOf: moment, usageRows: rows,
            timings: [("count_seconds", (counted - start).seconds), ("rollup_seconds", (rolled - counted).seconds)])
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
