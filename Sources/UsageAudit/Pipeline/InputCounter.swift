import Logging

/// Counts inputs one after another on the calling thread: decode, split lines, parse,
/// attribute, classify, aggregate. One per worker thread.
public struct InputCounter {
    private let plan: CountingPlan
    private let logCalendar: ZonedCalendar
    private let auditCalendar: ZonedCalendar
    private var identity: IdentityResolver
    private let classifier: RequestClassifier
    private let redactor: SecretRedactor
    private let maximumLineLength = 64 << 10
    private var label: [UInt8] = []
    private var record: LogRecord
    private let logger: Logger

    public init(plan: CountingPlan, logger: Logger) {
        self.plan = plan
        self.logger = logger
        logCalendar = ZonedCalendar(timeZone: plan.configuration.log.timeZone)
        auditCalendar = ZonedCalendar(timeZone: plan.configuration.timeZone)
        // The plan compiled both already, so these cannot fail.
        identity = try! IdentityResolver(settings: plan.configuration.identity, keys: plan.keys, fields: plan.fields)
        classifier = try! RequestClassifier(configuration: plan.configuration, fields: plan.fields)
        redactor = SecretRedactor(identity: plan.configuration.identity, keys: plan.keys)
        record = LogRecord(fieldCount: plan.fields.count)
        label.reserveCapacity(256)
    }

    /// - Returns: what was read; damage is in `error`, not thrown.
    /// - Throws: `InputError` when the input cannot be opened at all.
    /// Counts `input` into `usage`.
    public mutating func count(
        _ input: InputSource, into usage: inout CountedUsage, progress: CountingProgress? = nil
    ) throws(InputError) -> InputStatistics {
        var statistics = InputStatistics(path: input.displayName)
        var source = try input.open()
        var parser = plan.format.makeParser(fields: plan.fields, calendar: logCalendar)
        var reader = LineReader(maximumLineLength: maximumLineLength)
        do {
            try reader.forEachLine(in: &source) { line in
                process(line, parser: &parser, statistics: &statistics, usage: &usage)
                if let progress, line.number & Int(CountingProgress.lineStride - 1) == 0 {
                    progress.add(lines: CountingProgress.lineStride)
                }
            }
        } catch let damage as InputDamage {
            statistics.error = damage.description
            logger.warning("\(damage.description)")
        } catch let error as InputError {
            statistics.bytes = source.bytesConsumed
            throw error
        } catch {
            statistics.error = "\(error)"
            logger.warning("reading stopped: \(error)", metadata: ["input": "\(input.displayName)"])
        }
        statistics.bytes = source.bytesConsumed
        if let progress {
            progress.add(lines: statistics.lines & (CountingProgress.lineStride - 1))
            progress.finishInput()
        }
        logger.debug("counted input", metadata: [
            "input": "\(input.displayName)", "lines": "\(statistics.lines)", "malformed": "\(statistics.malformed)",
        ])
        return statistics
    }

    @inline(__always)
    private mutating func process(
        _ line: InputLine, parser: inout any LineParser,
        statistics: inout InputStatistics, usage: inout CountedUsage
    ) {
        statistics.lines += 1
        if line.isCutByDamage {
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: "line cut off by the damage to the file", redactor: redactor)
            return
        }
        if line.isTruncated {
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: "line longer than \(maximumLineLength) bytes", redactor: redactor)
            return
        }
        record.reset(text: line.bytes)
        switch parser.parse(line.bytes, into: &record) {
        case .ignored:
            statistics.ignored += 1
            return
        case .malformed(let reason):
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: reason, redactor: redactor)
            return
        case .parsed:
            break
        }
        statistics.parsed += 1
        let time = record.timestamp
        statistics.recordTime(time)
        guard classifier.isCounted(record) else {
            statistics.excluded += 1
            return
        }
        let consumed: Bool
        let rejected: Bool
        switch classifier.outcome(of: record) {
        case .excluded:
            statistics.excluded += 1
            return
        case .rejected:
            consumed = false
            rejected = true
        case .consumed(let isRejection):
            consumed = true
            rejected = isRejection
        }
        switch identity.resolve(record, into: &label) {
        case .identified:
            break
        case .byAddress:
            statistics.unattributed += 1
        case .unattributed:
            statistics.unattributed += 1
            return
        }
        let scope = classifier.scope(of: record)
        let units = consumed ? classifier.units(of: record, scope: scope) : 0
        let day = auditCalendar.localDay(containing: time)
        label.withUnsafeBufferPointer { user in
            usage.daily.record(user: user, scope: scope, day: day, time: time, units: units, consumed: consumed, rejected: rejected)
            usage.hourly.record(user: user, scope: scope, time: time, units: units, consumed: consumed, rejected: rejected)
        }
        if consumed {
            statistics.requests += 1
            statistics.units = UsageCounts.adding(statistics.units, units)
        }
        if rejected { statistics.rejected += 1 }
    }
}
