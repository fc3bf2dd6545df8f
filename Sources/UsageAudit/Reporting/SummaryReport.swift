/// `summary.json`: what a run read, what it found, and how long it took.
public struct SummaryReport {
    public var asOf: Int64
    public var result: CountResult
    public var configuration: AuditConfiguration
    /// Finding counts per kind (reconciliation, then anomalies).
    public var findings: [(String, Int)]
    /// Recommendation counts per action.
    public var recommendations: [(String, Int)] = []
    /// Wall-clock seconds per stage; the only part of a run that differs between reruns.
    public var timings: [(String, Double)]
    public var reportFiles: [String]
    /// How many stored counters were audited.
    public var profiles: Int

    public init(asOf: Int64, result: CountResult, configuration: AuditConfiguration,
                findings: [(String, Int)] = [], profiles: Int = 0, timings: [(String, Double)] = [], reportFiles: [String] = []) {
        self.profiles = profiles
        self.asOf = asOf
        self.result = result
        self.configuration = configuration
        self.findings = findings
        self.timings = timings
        self.reportFiles = reportFiles
    }

    public func json(calendar: ZonedCalendar) -> JSONValue {
        func time(_ value: Int64?) -> JSONValue { value.map { .string(calendar.rfc3339($0)) } ?? .null }
        func counters(_ statistics: InputStatistics) -> [(String, JSONValue)] {
            [
                ("lines", .integer(statistics.lines)), ("parsed", .integer(statistics.parsed)),
                ("malformed", .integer(statistics.malformed)), ("ignored", .integer(statistics.ignored)),
                ("unattributed", .integer(statistics.unattributed)), ("excluded", .integer(statistics.excluded)),
                ("requests", .integer(statistics.requests)), ("units", .integer(statistics.units)),
                ("rejected", .integer(statistics.rejected)), ("unreadable_costs", .integer(statistics.unreadableCosts)),
            ]
        }
        let inputs: [JSONValue] = result.inputs.map { input in
            .object([("path", .string(input.path)), ("bytes", .integer(input.bytes))] + counters(input) + [
                ("first", time(input.first)), ("last", time(input.last)),
                ("content", .string(input.content.name)), ("skipped_bytes", .integer(input.skippedBytes)),
                ("error", JSONValue(input.error)),
                ("malformed_samples", .array(input.malformedSamples.map { sample in
                    .object([
                        ("file", .string(sample.file)), ("line", .integer(Int64(sample.line))),
                        ("text", .string(sample.text)), ("reason", .string(sample.reason)),
                    ])
                })),
            ])
        }
        let totals = result.totals
        return .object([
            ("as_of", .string(calendar.rfc3339(asOf))),
            ("timezone", .string(configuration.timeZoneName)),
            ("totals", .object([("bytes", .integer(totals.bytes))] + counters(totals) + [
                ("users", .integer(Int64(result.aggregate.users.count))),
                ("damaged_inputs", .integer(Int64(result.damagedInputs.count))),
                ("first", time(totals.first)), ("last", time(totals.last)),
            ])),
            ("profiles", .integer(Int64(profiles))),
            ("findings", .object(findings.map { ($0.0, .integer(Int64($0.1))) })),
            ("recommendations", .object(recommendations.map { ($0.0, .integer(Int64($0.1))) })),
            ("inputs", .array(inputs)),
            ("reports", .array(reportFiles.map { .string($0) })),
            ("timings", .object(timings.map { ($0.0, .number($0.1)) })),
        ])
    }
}
