/// Everything one audit computed, ready to be written as reports.
public struct AuditOutcome: Sendable {
    public var configuration: AuditConfiguration
    public var result: CountResult
    /// The audit moment, in epoch seconds.
    public var asOf: Int64
    /// `usage.csv` rows.
    public var usageRows: [UsageRow]
    /// Seconds spent per stage.
    public var timings: [(String, Double)]

    public init(configuration: AuditConfiguration, result: CountResult, asOf: Int64, usageRows: [UsageRow], timings: [(String, Double)]) {
        self.configuration = configuration
        self.result = result
        self.asOf = asOf
        self.usageRows = usageRows
        self.timings = timings
    }

    /// Whether some input was damaged (exit code 4).
    public var hasDamage: Bool { !result.damagedInputs.isEmpty }
}
