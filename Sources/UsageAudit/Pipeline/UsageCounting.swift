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
        return CountedUsage(
            daily: UsageAggregate(), hourly: HourlyUsage(phase: phase, through: asOf), scopes: plan.configuration.scopeNames.count)
    }

    /// Counts `inputs` and adds `partials`.
    /// - Throws: `AuditError.input` with the first `InputError` (an input that cannot be
    ///   opened; damage inside an input is reported in its statistics instead), or
    ///   `AuditError.partial` for partials that cannot be added (see `admit`).
    /// - Parameters:
    ///   - partials: counts of other shards (`usage-audit partial`), added to the inputs'.
    ///   - ledger: what a state store counted before; nil counts every input whole.
    ///   - countedAt: the time recorded in the ledger for inputs counted now.
    public func count(
        _ inputs: [InputSource], partials: [UsagePartial] = [], ledger: InputLedger? = nil, countedAt: Int64 = 0, logger: Logger,
        progress: CountingProgress? = nil
    ) throws(AuditError) -> CountResult {
        var intake = PartialIntake()
        // Only with partials: the rules read and hash the keys file, which may be large.
        if !partials.isEmpty {
            let expected = UsagePartial(
                source: "this run", timeZoneName: plan.configuration.timeZoneName, scopeNames: plan.configuration.scopeNames,
                rules: CountingRules(configuration: plan.configuration), daily: UsageAggregate(), hourly: makeUsage().hourly,
                inputs: [], ledger: [])
            do {
                intake = try admit(partials, expected: expected, ledger: ledger)
            } catch {
                throw .partial(error)
            }
        }
        var result: CountResult
        do {
            result = try count(inputs, adding: intake.added, ledger: ledger, countedAt: countedAt, logger: logger, progress: progress)
        } catch {
            throw .input(error)
        }
        for (partial, records) in intake.counted { result.noteCounted(partial, records: records) }
        // A log of this run that a partial holds too would be counted twice.
        for partial in intake.added where !result.countedInputs.isEmpty {
            do {
                try UsagePartial.checkDisjoint(
                    result.countedInputs, sources: result.countedInputs.map { _ in "a log of this run" }, partial.ledger,
                    sources: partial.recordSources)
            } catch {
                throw .partial(error)
            }
        }
        if ledger != nil {
            // The partials' logs, as a state store records them: counted by this run.
            let records = intake.added.flatMap(\.ledger).map { record in
                var record = record
                record.countedAt = countedAt
                return record
            }
            result.countedInputs = (result.countedInputs + records).sorted { ($0.name, $0.length) < ($1.name, $1.length) }
        }
        for partial in intake.added where asOf != nil && partial.hourly.through != asOf {
            let kept = partial.hourly.through.map { "up to \(ZonedCalendar(timeZone: plan.configuration.timeZone).rfc3339($0))" } ?? "up to its last request (no --as-of)"
            logger.warning("partial \(partial.source) kept its hourly counts \(kept), not up to this run's --as-of: the hours it did not keep are unknown to this run, so snapshot cuts and bursts there are not judged; give partial the --as-of of the run")
        }
        return result
    }

    private func count(
        _ inputs: [InputSource], adding shards: [UsagePartial], ledger: InputLedger?, countedAt: Int64, logger: Logger,
        progress: CountingProgress?
    ) throws(InputError) -> CountResult {
        System.returnLargeBlocksToTheSystem()
        let groups = ledger.map { InputGrouping.groups(of: inputs, ledger: $0) } ?? inputs.indices.map { [$0] }
        let state = Mutex(WorkState(inputs: inputs.count, groups: groups))
        let workerCount = min(workers, max(1, groups.count))
        let partials = Mutex([CountedUsage]())
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            var counter = InputCounter(plan: plan, logger: logger)
            var usage = makeUsage()
            while let (group, isLast) = state.withLock({ $0.next() }) {
                var local = ledger
                // The last inputs would leave a core idle: decompress them on a thread of their own.
                let decodeAhead = isLast && workers > 1
                for index in group {
                    do throws(InputError) {
                        guard let known = local else {
                            let statistics = try counter.count(inputs[index], into: &usage, progress: progress, decodeAhead: decodeAhead)
                            state.withLock { $0.statistics[index] = statistics }
                            continue
                        }
                        let counted = try counter.count(
                            inputs[index], into: &usage, against: known, countedAt: countedAt, progress: progress,
                            decodeAhead: decodeAhead)
                        if let updated = counted.updated {
                            if let previous = counted.previous { local?.replace(previous, with: updated) } else { local?.remember(updated) }
                        }
                        state.withLock {
                            $0.statistics[index] = counted.statistics
                            if let previous = counted.previous, counted.statistics.error == nil {
                                $0.recountedDays.formUnion(previous.days)
                                if let last = previous.last { $0.recountedLast = max($0.recountedLast ?? last, last) }
                            }
                        }
                    } catch {
                        state.withLock { $0.fail(error) }
                    }
                }
                if let local {
                    let changed = local.changedRecords
                    state.withLock { $0.countedInputs += changed }
                }
            }
            partials.withLock { $0.append(usage) }
        }
        let finished = state.withLock { $0 }
        if let failure = finished.failure { throw failure }
        // Taken out of the lock so that each partial's tables are uniquely owned: the first
        // becomes the total without a copy, the others merge into it.
        var remaining = partials.withLock { partials in
            defer { partials = [] }
            return partials
        }
        var total = remaining.popLast() ?? makeUsage()
        while let partial = remaining.popLast() { total.merge(partial) }
        for shard in shards {
            total.merge(CountedUsage(daily: shard.daily, hourly: shard.hourly, scopes: plan.configuration.scopeNames.count))
        }
        total.finish()
        var result = CountResult(
            aggregate: total.daily, hourly: total.hourly, inputs: finished.statistics.map { $0! } + shards.flatMap(\.inputs))
        result.countedInputs = finished.countedInputs.sorted { ($0.name, $0.length) < ($1.name, $1.length) }
        result.recountedDays = finished.recountedDays
        result.recountedLast = finished.recountedLast
        return result
    }

    private struct WorkState: Sendable {
        var nextGroup = 0
        let groups: [[Int]]
        var statistics: [InputStatistics?]
        var failure: InputError?
        var countedInputs: [CountedInput] = []
        var recountedDays: Set<LocalDay> = []
        var recountedLast: Int64?

        init(inputs: Int, groups: [[Int]]) {
            statistics = Array(repeating: nil, count: inputs)
            self.groups = groups
        }

        /// The next group to count, and whether no other group is left after it.
        mutating func next() -> ([Int], Bool)? {
            guard failure == nil, nextGroup < groups.count else { return nil }
            defer { nextGroup += 1 }
            return (groups[nextGroup], nextGroup == groups.count - 1)
        }

        mutating func fail(_ error: InputError) {
            if failure == nil { failure = error }
        }
    }
}
