import Dispatch
import Logging
import Synchronization

/// Counts many inputs on every core: each worker takes the next input, counts it into
/// its own aggregate, and the aggregates are merged at the end (merging is exact, so the
/// result does not depend on which worker read which file).
public struct UsageCounting: Sendable {
    public let plan: CountingPlan
    /// How many inputs are read at once.
    public let workers: Int

    public init(plan: CountingPlan, workers: Int = System.coreCount) {
        self.plan = plan
        self.workers = max(1, workers)
    }

    /// Counts `inputs`.
    /// - Throws: the first `InputError` (an input that cannot be opened); damage inside an
    ///   input is reported in its statistics instead.
    public func count(_ inputs: [InputSource], logger: Logger, progress: CountingProgress? = nil) throws(InputError) -> CountResult {
        let state = Mutex(WorkState(inputs: inputs.count))
        let workerCount = min(workers, max(1, inputs.count))
        let partials = Mutex([UsageAggregate]())
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var counter = InputCounter(plan: plan, logger: logger)
            var aggregate = UsageAggregate()
            while let index = state.withLock({ $0.next() }) {
                do throws(InputError) {
                    let statistics = try counter.count(inputs[index], into: &aggregate, progress: progress)
                    state.withLock { $0.statistics[index] = statistics }
                } catch {
                    state.withLock { $0.fail(error) }
                }
            }
            partials.withLock { $0.append(aggregate) }
        }
        let finished = state.withLock { $0 }
        if let failure = finished.failure { throw failure }
        var total = UsageAggregate()
        for partial in partials.withLock({ $0 }) { total.merge(partial) }
        return CountResult(aggregate: total, inputs: finished.statistics.map { $0! })
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
