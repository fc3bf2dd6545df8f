/// The result of counting a set of inputs: usage and what was read.
public struct CountResult: Sendable {
    public var aggregate: UsageAggregate
    /// Per input, in the order given.
    public var inputs: [InputStatistics]

    public init(aggregate: UsageAggregate, inputs: [InputStatistics]) {
        self.aggregate = aggregate
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
