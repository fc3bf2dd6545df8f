/// The mergeable result of counting one shard of logs (DESIGN §9): daily usage per user,
/// scope and day, the hourly usage of its last two days, what was read from each log, and
/// each log's content record, so that a state store that later receives the partial counts
/// every log once.
///
/// Merging is exact, associative and commutative: merging the partials of any split of the
/// logs, in any grouping and order, gives the partial of all of them (its file is the same
/// byte for byte, `PartialFile` writes everything sorted).
public struct UsagePartial: Sendable {
    /// Where the partial was read from, or the partials it merges (for messages).
    public var source: String
    /// The zone its days are local days of.
    public var timeZoneName: String
    /// `AuditConfiguration.scopeNames` of the configuration it was counted with: the daily
    /// and hourly scope indices index it.
    public var scopeNames: [String]
    public var daily: UsageAggregate
    public var hourly: HourlyUsage
    /// What was read from each log, in the order counted (merged: in the order merged).
    public var inputs: [InputStatistics]
    /// Each log counted, by content.
    public var ledger: [CountedInput]

    public init(
        source: String, timeZoneName: String, scopeNames: [String], daily: UsageAggregate, hourly: HourlyUsage,
        inputs: [InputStatistics], ledger: [CountedInput]
    ) {
        self.source = source
        self.timeZoneName = timeZoneName
        self.scopeNames = scopeNames
        self.daily = daily
        self.hourly = hourly
        self.inputs = inputs
        self.ledger = ledger
    }

    /// The partial of what `result` counted (against an empty ledger, so that every log has
    /// its content record) with `configuration`.
    public init(counting result: CountResult, configuration: AuditConfiguration, source: String = "") {
        self.init(
            source: source, timeZoneName: configuration.timeZoneName, scopeNames: configuration.scopeNames,
            daily: result.aggregate, hourly: result.hourly, inputs: result.inputs, ledger: result.countedInputs)
    }

    /// Adds `other` into this partial.
    /// - Throws: `PartialError.mismatch` when the two were counted in other zones, with other
    ///   scopes or hours cut differently; `.overlap` when a log is in both.
    public mutating func merge(_ other: UsagePartial) throws(PartialError) {
        try checkCompatible(with: other)
        try Self.checkDisjoint(ledger, source: source, other.ledger, otherSource: other.source)
        daily.merge(other.daily)
        hourly.merge(other.hourly)
        inputs += other.inputs
        ledger += other.ledger
        source = source.isEmpty ? other.source : "\(source) + \(other.source)"
    }

    /// Throws unless `other` was counted in the same zone, with the same scopes and the same
    /// hourly slots.
    public func checkCompatible(with other: UsagePartial) throws(PartialError) {
        if other.timeZoneName != timeZoneName {
            throw .mismatch(path: other.source, what: "timezone", partial: other.timeZoneName, expected: timeZoneName)
        }
        if other.scopeNames != scopeNames {
            throw .mismatch(
                path: other.source, what: "the scopes", partial: other.scopeNames.joined(separator: ", "),
                expected: scopeNames.joined(separator: ", "))
        }
        if other.hourly.phase != hourly.phase || other.hourly.keptSeconds != hourly.keptSeconds {
            throw .mismatch(
                path: other.source, what: "hourly slots",
                partial: "starting \(other.hourly.phase) s past the hour, kept \(other.hourly.keptSeconds) s",
                expected: "\(hourly.phase) s past the hour, kept \(hourly.keptSeconds) s")
        }
    }

    /// Throws `.overlap` when a log of `first` is a log of `second` too: the same head, or
    /// the same first line (a log and a longer copy of it).
    static func checkDisjoint(
        _ first: [CountedInput], source: String, _ second: [CountedInput], otherSource: String
    ) throws(PartialError) {
        var heads: [String: CountedInput] = [:]
        var lines: [String: CountedInput] = [:]
        for record in first {
            heads["\(record.headLength):\(record.headDigest)"] = record
            if !record.lineDigest.isEmpty { lines[record.lineDigest] = record }
        }
        for record in second {
            let match = heads["\(record.headLength):\(record.headDigest)"] ?? (record.lineDigest.isEmpty ? nil : lines[record.lineDigest])
            if let match {
                throw .overlap(path: otherSource, input: record.name, other: source.isEmpty ? match.name : "\(source) (as \(match.name))")
            }
        }
    }
}
