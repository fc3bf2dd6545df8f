extension UsageCounting {
    /// The partials a run adds, and those a state store counted before (whose inputs a rerun
    /// lists as already counted). The store recognises a partial's logs by content, like any
    /// log: a partial it counted before adds nothing again.
    struct PartialIntake {
        var added: [UsagePartial] = []
        var counted: [(partial: UsagePartial, records: [CountedInput])] = []
    }

    /// Sorts `partials` into those to add and those the store counted before.
    /// - Throws: `PartialError.mismatch` for a partial counted with another zone, other
    ///   scopes or other hourly slots than `expected`; `.overlap` when two partials hold the
    ///   same log; `.partlyCounted` when the store counted some of a partial's logs, or
    ///   another extent of one, but not exactly all of them.
    func admit(_ partials: [UsagePartial], expected: UsagePartial, ledger: InputLedger?) throws(PartialError) -> PartialIntake {
        var intake = PartialIntake()
        var seen: [CountedInput] = []
        var seenSources: [String] = []
        let stored = ledger.map { SameLogIndex($0.records) }
        for partial in partials {
            try expected.checkCompatible(with: partial, sameMoment: false)
            try UsagePartial.checkDisjoint(seen, sources: seenSources, partial.ledger, sources: partial.recordSources)
            seen += partial.ledger
            seenSources += partial.recordSources
            guard let stored, !partial.ledger.isEmpty else {
                intake.added.append(partial)
                continue
            }
            var exact: [CountedInput] = []
            var overlapping: [String] = []
            var new: [String] = []
            for record in partial.ledger {
                if let match = stored.match(record).map({ stored.records[$0] }) {
                    if match.length == record.length && match.checksum == record.checksum {
                        exact.append(match)
                    } else {
                        overlapping.append(record.name)
                    }
                } else {
                    new.append(record.name)
                }
            }
            if new.count == partial.ledger.count {
                intake.added.append(partial)
            } else if exact.count == partial.ledger.count {
                intake.counted.append((partial, exact))
            } else {
                throw .partlyCounted(
                    path: partial.source, counted: (exact.map(\.name) + overlapping).sorted(), new: new.sorted())
            }
        }
        return intake
    }
}

extension CountResult {
    /// Notes a partial the store counted before: its inputs are listed as already counted,
    /// and its days and last request are reported on again (a rerun gives the same reports).
    mutating func noteCounted(_ partial: UsagePartial, records: [CountedInput]) {
        for input in partial.inputs {
            var statistics = InputStatistics(path: input.path)
            statistics.content = .alreadyCounted(previousName: partial.source, countedAt: records.map(\.countedAt).max() ?? 0)
            // As a rerun of the log itself reads it again: its size, and its damage.
            statistics.bytes = input.bytes
            statistics.error = input.error
            inputs.append(statistics)
        }
        for record in records {
            recountedDays.formUnion(record.days)
            if let last = record.last { recountedLast = max(recountedLast ?? last, last) }
        }
    }
}
