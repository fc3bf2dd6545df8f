/// The result of counting a set of inputs: usage and what was read.
public struct CountResult: Sendable {
    /// Usage per user, scope and local day.
    public var aggregate: UsageAggregate
    /// Usage per user, scope and hour for the last two days of the input (reconciliation).
    /// Empty in an `AuditOutcome` of a run with a state store: the run adds the stored slots
    /// to this table in place, and it is the outcome's `hourly`.
    public var hourly: HourlyUsage
    /// Per input, in the order given.
    public var inputs: [InputStatistics]
    /// With a state store: the records of inputs that this run counted something of (new
    /// ones without an id), to be stored with the usage.
    public var countedInputs: [CountedInput] = []
    /// With a state store: the days of input read by this run but counted by an earlier one
    /// (a rerun still reports on them).
    public var recountedDays: Set<LocalDay> = []
    /// With a state store: the latest request time of input read by this run but counted by
    /// an earlier one (the default audit moment of a rerun).
    public var recountedLast: Int64?

    public init(aggregate: UsageAggregate, hourly: HourlyUsage = HourlyUsage(), inputs: [InputStatistics]) {
        self.aggregate = aggregate
        self.hourly = hourly
        self.inputs = inputs
    }

    /// The sum over inputs.
    public var totals: InputStatistics {
        var totals = InputStatistics(path: "")
        for input in inputs { totals.accumulate(input) }
        return totals
    }

    /// The inputs in which damage was found.
    public var damagedInputs: [InputStatistics] {
        inputs.filter { $0.error != nil }
    }
}
