import Dispatch
import Foundation
import Logging
import Synchronization

/// Counts many inputs on every core: each worker takes the next input, counts it into
/// its own aggregate, and the aggregates are merged at the end (merging is exact, so the
/// result does not depend on which worker read which file).
public struct UsageCounting: Sendable {
    public let plan: CountingPlan
    /// How many inputs are read at once.
    public let workers: Int

    /// The audit moment when it is known before counting (`--as-of`): hourly usage after it
    /// is not kept.
    public let asOf: Int64?

    public init(plan: CountingPlan, workers: Int = System.coreCount, asOf: Int64? = nil) {
        self.plan = plan
        self.workers = max(1, workers)
        self.asOf = asOf
    }

    /// Empty usage whose hourly slots follow the local hours of the audit's zone.
    private func makeUsage() -> CountedUsage {
        let calendar = ZonedCalendar(timeZone: plan.configuration.timeZone)
        let phase = HourlyUsage.phase(for: calendar, at: asOf ?? Int64(Date().timeIntervalSince1970))
        return CountedUsage(daily: UsageAggregate(), hourly: HourlyUsage(phase: phase, through: asOf))
    }

    /// Counts `inputs`.
    /// - Throws: the first `InputError` (an input that cannot be opened); damage inside an
    ///   input is reported in its statistics instead.
    public func count(_ inputs: [InputSource], logger: Logger, progress: CountingProgress? = nil) throws(InputError) -> CountResult {
        let state = Mutex(WorkState(inputs: inputs.count))
        let workerCount = min(workers, max(1, inputs.count))
        let partials = Mutex([CountedUsage]())
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var counter = InputCounter(plan: plan, logger: logger)
            var usage = makeUsage()
            while let index = state.withLock({ $0.next() }) {
                do throws(InputError) {
                    let statistics = try counter.count(inputs[index], into: &usage, progress: progress)
                    state.withLock { $0.statistics[index] = statistics }
                } catch {
                    state.withLock { $0.fail(error) }
                }
            }
            partials.withLock { $0.append(usage) }
        }
        let finished = state.withLock { $0 }
        if let failure = finished.failure { throw failure }
        var total = makeUsage()
        for partial in partials.withLock({ $0 }) { total.merge(partial) }
        return CountResult(aggregate: total.daily, hourly: total.hourly, inputs: finished.statistics.map { $0! })
    }

    private struct WorkState: Sendable {
        var nextIndex = 0
        var statistics: [InputStatistics?]
        var failure: InputError?

        init(inputs: Int) {
            statistics = Array(repeating: nil, count: inputs)
        }

        mutating func next() -> Int? {
            guard failure == nil, nextIndex < statistics.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }

        mutating func fail(_ error: InputError) {
            if failure == nil { failure = error }
        }
    }
}
