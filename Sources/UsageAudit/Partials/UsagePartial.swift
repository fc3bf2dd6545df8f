import Foundation

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
    /// The configuration's rules of counting (`CountingRules`).
    public var rules: CountingRules
    public var daily: UsageAggregate
    public var hourly: HourlyUsage
    /// What was read from each log, in the order counted (merged: in the order merged).
    public var inputs: [InputStatistics]
    /// Each log counted, by content.
    public var ledger: [CountedInput]
    /// The partial each of `ledger` came from (for messages).
    var recordSources: [String]

    public init(
        source: String, timeZoneName: String, scopeNames: [String], rules: CountingRules, daily: UsageAggregate,
        hourly: HourlyUsage, inputs: [InputStatistics], ledger: [CountedInput]
    ) {
        self.source = source
        self.timeZoneName = timeZoneName
        self.scopeNames = scopeNames
        self.rules = rules
        self.daily = daily
        self.hourly = hourly
        self.inputs = inputs
        self.ledger = ledger
        recordSources = Array(repeating: source, count: ledger.count)
    }

    /// The partial of what `result` counted (against an empty ledger, so that every log has
    /// its content record) with `configuration`. Its logs' records carry no time of counting
    /// (0): the run that adds the partial to a state store counts them, and the same logs
    /// give the same partial, byte for byte.
    public init(counting result: CountResult, configuration: AuditConfiguration, source: String = "") {
        let ledger = result.countedInputs.map { record in
            var record = record
            record.countedAt = 0
            return record
        }
        self.init(
            source: source, timeZoneName: configuration.timeZoneName, scopeNames: configuration.scopeNames,
            rules: CountingRules(configuration: configuration), daily: result.aggregate, hourly: result.hourly, inputs: result.inputs,
            ledger: ledger)
    }

    /// Adds `other` into this partial.
    /// - Throws: `PartialError.mismatch` when the two were counted in other zones, with other
    ///   scopes or hours cut differently; `.overlap` when a log is in both.
    public mutating func merge(_ other: UsagePartial) throws(PartialError) {
        try checkCompatible(with: other)
        try Self.checkDisjoint(ledger, sources: recordSources, other.ledger, sources: other.recordSources)
        daily.merge(other.daily)
        hourly.merge(other.hourly)
        inputs += other.inputs
        ledger += other.ledger
        recordSources += other.recordSources
        source = source.isEmpty ? other.source : "\(source) + \(other.source)"
    }

    /// Throws unless `other` was counted in the same zone, with the same scopes and rules and
    /// the same hourly slots; with `sameMoment`, kept up to the same `--as-of` too (partials
    /// merged into one; a run reads partials kept up to any moment, their hours known from
    /// where each kept them).
    public func checkCompatible(with other: UsagePartial, sameMoment: Bool = true) throws(PartialError) {
        if !TimeZoneAlias.sameZone(other.timeZoneName, timeZoneName) {
            throw .mismatch(path: other.source, what: "timezone", partial: other.timeZoneName, expected: timeZoneName)
        }
        if other.scopeNames != scopeNames {
            throw .mismatch(
                path: other.source, what: "the scopes", partial: other.scopeNames.joined(separator: ", "),
                expected: scopeNames.joined(separator: ", "))
        }
        if let (theirs, ours) = rules.firstDifference(from: other.rules) {
            throw .mismatch(path: other.source, what: "the counting rule", partial: theirs, expected: ours)
        }
        if sameMoment, other.hourly.through != hourly.through {
            throw .mismatch(
                path: other.source, what: "hourly slots kept up to", partial: Self.moment(other.hourly.through),
                expected: Self.moment(hourly.through))
        }
        if other.hourly.phase != hourly.phase || other.hourly.keptSeconds != hourly.keptSeconds {
            throw .mismatch(
                path: other.source, what: "hourly slots",
                partial: "starting \(other.hourly.phase) s past the hour, kept \(other.hourly.keptSeconds) s",
                expected: "\(hourly.phase) s past the hour, kept \(hourly.keptSeconds) s")
        }
    }

    /// The `--as-of` a partial's hours were kept up to, as messages name it.
    private static func moment(_ through: Int64?) -> String {
        through.map { "--as-of \(ZonedCalendar(timeZone: TimeZone(identifier: "UTC")!).rfc3339($0))" } ?? "its latest request (no --as-of)"
    }

    /// Throws `.overlap` when a log of `first` (from the partials `sources` name, one per
    /// record) is a log of `second` too (`SameLogIndex`).
    static func checkDisjoint(
        _ first: [CountedInput], sources: [String], _ second: [CountedInput], sources otherSources: [String]
    ) throws(PartialError) {
        guard !first.isEmpty else { return }
        let index = SameLogIndex(first)
        for (position, record) in second.enumerated() {
            if let match = index.match(record) {
                let source = sources[match]
                let other = source.isEmpty ? first[match].name : "\(source) (as \(first[match].name))"
                throw .overlap(path: otherSources[position], input: record.name, other: other)
            }
        }
    }
}
