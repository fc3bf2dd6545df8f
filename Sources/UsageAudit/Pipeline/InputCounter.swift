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
    let logger: Logger
    /// Local days with requests in the input being counted.
    var freshDays: Set<LocalDay> = []
    var lastFreshDay: LocalDay?
    /// Where the line cut off by damage starts, when the input being read ended with one.
    var cutLineOffset: Int64?
    /// The damage that ended the input being read, if any.
    var lastDamage: InputDamage?
    /// Whether `read` leaves the warning about `lastDamage` to its caller.
    var holdsDamageWarning = false
    /// The line reader of the last input, kept for the next.
    private var spareLineReader: LineReader?
    /// Whether an unterminated last line that does not parse is left for a later run (a
    /// plain file read against a state store: it may still be written).
    var keepsUnfinishedLine = false
    /// Which threads parse when parsing ahead (tests pin it to one of them).
    var parseSharing = ParseSharing.both
    /// Requests attributed but not yet recorded: attributing a run of lines first and
    /// recording them after lets `CountedUsage.record(_:)` fetch ahead.
    private var attributed: [AttributedRequest] = []
    /// How many requests `attributed` collects before they are recorded (the parsing-ahead
    /// path records each batch of lines whole).
    private static let recordingRun = 1024

    public init(plan: CountingPlan, logger: Logger) {
        self.plan = plan
        self.logger = logger
        logCalendar = ZonedCalendar(timeZone: plan.configuration.log.timeZone)
        auditCalendar = ZonedCalendar(timeZone: plan.configuration.timeZone)
        // The plan compiled the classifier already, so this cannot fail.
        identity = plan.identityResolver
        classifier = try! RequestClassifier(configuration: plan.configuration, fields: plan.fields)
        redactor = plan.redactor
    }

    /// Counts `input` into `usage`, with no memory of earlier runs.
    /// - Returns: what was read; damage is in `error`, not thrown.
    /// - Throws: `InputError` when the input cannot be opened at all.
    /// - Parameter decodeAhead: work ahead on threads of their own (for an input that would
    ///   otherwise leave a core idle): decompress and, for template formats, split into lines
    ///   there while this thread attributes and counts; the lines are parsed by whichever
    ///   thread is free first.
    public mutating func count(
        _ input: InputSource, into usage: inout CountedUsage, progress: CountingProgress? = nil, decodeAhead: Bool = false
    ) throws(InputError) -> InputStatistics {
        var statistics = InputStatistics(path: input.displayName)
        var source = try input.open(decodeAhead: decodeAhead)
        try read(
            &source, name: input.displayName, from: 0, statistics: &statistics, usage: &usage, progress: progress,
            parsesAhead: decodeAhead && parsesAhead)
        return statistics
    }

    /// Reads every line of `source`, counting those that start at or after `skip`.
    /// - Parameter parsesAhead: read on a thread of its own, parse on either (template
    ///   formats; others only decode ahead, see `parsesAhead`).
    mutating func read(
        _ source: inout some ByteSource, name: String, from skip: Int64, statistics: inout InputStatistics,
        usage: inout CountedUsage, progress: CountingProgress?, parsesAhead: Bool
    ) throws(InputError) {
        var parser = plan.format.makeParser(fields: plan.fields, calendar: logCalendar)
        cutLineOffset = nil
        lastDamage = nil
        do {
            // The common formats get a loop specialised for their parser (no dynamic call per
            // line), and are read ahead (and parsed on either thread) when a core would be
            // idle. Only the fields counting reads are stored.
            if let general = parser as? TemplateLineParser {
                var template = TemplateLineParser(general, keepingOnly: plan.countedFieldIndices)
                if parsesAhead {
                    try readLinesAhead(&source, parser: template, from: skip, statistics: &statistics, usage: &usage, progress: progress)
                } else {
                    try readLines(&source, parser: &template, from: skip, statistics: &statistics, usage: &usage, progress: progress)
                }
            } else {
                try readLines(&source, parser: &parser, from: skip, statistics: &statistics, usage: &usage, progress: progress)
            }
        } catch is ContentMismatch {
            // The caller reports it: the checksum at the checkpoint is not the expected one.
        } catch let damage as InputDamage {
            lastDamage = damage
            statistics.error = damage.description
            // Against a ledger the caller says it, once it knows whether the input was a
            // copy of a counted log cut short (then nothing was counted).
            if !holdsDamageWarning { logger.warning("\(damage.description)") }
        } catch let error as InputError {
            statistics.bytes = source.bytesConsumed
            recordAttributed(into: &usage)
            throw error
        } catch {
            statistics.error = "\(error)"
            logger.warning("reading stopped: \(error)", metadata: ["input": "\(name)"])
        }
        statistics.bytes = source.bytesConsumed
        recordAttributed(into: &usage)
        usage.flush()
        if let progress {
            progress.add(lines: statistics.lines & (CountingProgress.lineStride - 1))
            progress.finishInput()
        }
        logger.debug("counted input", metadata: [
            "input": "\(name)", "lines": "\(statistics.lines)", "malformed": "\(statistics.malformed)",
        ])
    }

    /// Whether the log format is read and parsed ahead (`ParsingAhead`) when asked to work
    /// ahead (template formats: one line's parse does not depend on another's); other
    /// formats only decode ahead.
    var parsesAhead: Bool { plan.format is TemplateLogFormat }

    /// Why the last line of a plain log, without a newline and not a log line, is malformed.
    public static let unfinishedReason = "an unfinished last line (the log still being written?): a later run reads it again, whole"

    /// Why a line cut off by damage to its file is malformed.
    public static let cutByDamageReason = "line cut off by the damage to the file"

    /// Why a line longer than `limit` bytes is malformed.
    static func tooLongReason(_ limit: Int) -> String {
        "line longer than \(limit) bytes"
    }

    /// Whether a malformed line's `reason` says something of the log format: not a line too
    /// long, cut off by damage or not yet written whole.
    public static func isFormatReason(_ reason: String) -> Bool {
        reason != cutByDamageReason && reason != unfinishedReason && !reason.hasPrefix("line longer than ")
    }

    /// Hands every line of `source` that starts at or after `skip` to `process`.
    private mutating func readLines<Parser: LineParser>(
        _ source: inout some ByteSource, parser: inout Parser, from skip: Int64, statistics: inout InputStatistics,
        usage: inout CountedUsage, progress: CountingProgress?
    ) throws {
        // The reader's 1 MiB buffer serves input after input: allocated (and zeroed) for
        // each, it cost more than the lines of a folder of thousands of small logs.
        var reader = spareLineReader.take() ?? LineReader(maximumLineLength: maximumLineLength)
        defer { spareLineReader = reader }
        var record = LogRecord(fieldCount: plan.fields.count)
        try reader.forEachLine(in: &source) { line in
            if let progress, line.number & Int(CountingProgress.lineStride - 1) == 0 {
                progress.add(lines: CountingProgress.lineStride)
            }
            guard line.offset >= skip else {
                if !line.isTruncated { parser.pass(over: line.bytes) }
                return
            }
            process(line, parser: &parser, record: &record, statistics: &statistics, usage: &usage)
        }
    }

    /// `readLines` with the reading on a thread of its own (`ParsingAhead`), the parsing on
    /// that thread or this one, and the counting here; the same lines, counts and errors.
    private mutating func readLinesAhead<Source: ByteSource>(
        _ source: inout Source, parser: TemplateLineParser, from skip: Int64, statistics: inout InputStatistics,
        usage: inout CountedUsage, progress: CountingProgress?
    ) throws {
        let ahead = ParsingAhead(
            source: source, parser: parser, fieldCount: plan.fields.count, carriedFields: plan.countedFieldIndices, skip: skip,
            maximumLineLength: maximumLineLength, progress: progress, keepsUnfinishedLine: keepsUnfinishedLine,
            sharing: parseSharing)
        var record = LogRecord(fieldCount: plan.fields.count)
        // A batch is attributed whole, then recorded.
        attributed.reserveCapacity(ParsedLineBatch.lineCapacity)
        while let batch = ahead.next() {
            batch.forEachLine(record: &record) { bytes, number, outcome, reason, record in
                statistics.lines += 1
                switch outcome {
                case .parsed:
                    if let request = attribute(record, statistics: &statistics, usage: &usage) { attributed.append(request) }
                case .ignored: statistics.ignored += 1
                case .malformed: statistics.recordMalformed(line: number, bytes: bytes, reason: reason ?? "", redactor: redactor)
                }
            }
            ahead.recycle(batch)
            recordAttributed(into: &usage)
        }
        let finished = ahead.finish()
        source = finished.source
        cutLineOffset = finished.cutLineOffset
        if let failure = finished.failure { throw failure }
    }

    @inline(__always)
    private mutating func process<Parser: LineParser>(
        _ line: InputLine, parser: inout Parser, record: inout LogRecord,
        statistics: inout InputStatistics, usage: inout CountedUsage
    ) {
        statistics.lines += 1
        // Every parser resets the record itself.
        let verdict = LineReading(line).verdict(keepsUnfinishedLine: keepsUnfinishedLine, maximumLineLength: maximumLineLength) {
            parser.parse(line.bytes, into: &record)
        }
        switch verdict {
        case .parsed:
            count(record, statistics: &statistics, usage: &usage)
        case .ignored:
            statistics.ignored += 1
        case .malformed(let reason, let resumesHere):
            if resumesHere { cutLineOffset = line.offset }
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: reason, redactor: redactor)
        }
    }

    /// Classifies and attributes one parsed line and adds it to the pending run, which is
    /// recorded in `usage` once `recordingRun` requests are pending or the input ends.
    @inline(__always)
    private mutating func count(_ record: LogRecord, statistics: inout InputStatistics, usage: inout CountedUsage) {
        guard let request = attribute(record, statistics: &statistics, usage: &usage) else { return }
        attributed.append(request)
        if attributed.count >= Self.recordingRun { recordAttributed(into: &usage) }
    }

    /// Records the requests attributed so far in `usage`.
    private mutating func recordAttributed(into usage: inout CountedUsage) {
        guard !attributed.isEmpty else { return }
        usage.record(attributed)
        attributed.removeAll(keepingCapacity: true)
    }

    /// Classifies and attributes one parsed line and counts it in `statistics`: the request
    /// to record in `usage` (whose user it interns), or nil when it is not counted.
    @inline(__always)
    private mutating func attribute(
        _ record: LogRecord, statistics: inout InputStatistics, usage: inout CountedUsage
    ) -> AttributedRequest? {
        statistics.parsed += 1
        let time = record.timestamp
        statistics.recordTime(time)
        let consumed: Bool
        let rejected: Bool
        switch classifier.outcome(of: record) {
        case .excluded:
            statistics.excluded += 1
            return nil
        case .rejected:
            consumed = false
            rejected = true
        case .consumed(let isRejection):
            consumed = true
            rejected = isRejection
        }
        // Outside `count.paths` is excluded too: looked at after the status, which is cheaper.
        guard let scope = classifier.countedScope(of: record) else {
            statistics.excluded += 1
            return nil
        }
        let day = auditCalendar.localDay(containing: time)
        let user = identity.resolve(record) { resolution, user -> Int32? in
            switch resolution {
            case .identified:
                break
            case .byAddress:
                statistics.unattributed += 1
            case .unattributed:
                statistics.unattributed += 1
                return nil
            }
            return usage.userID(of: user)
        }
        guard let user else { return nil }
        // Costs are read for the requests counted only: an unattributed one costs nothing.
        var units: Int64 = 0
        if consumed {
            let cost = classifier.cost(of: record, scope: scope)
            units = cost.units
            let bit: UInt64 = scope < 64 ? 1 << UInt64(scope) : 0
            switch cost {
            case .constant: break
            case .field: statistics.scopesWithCostField |= bit
            case .absent: statistics.scopesWithoutCostField |= bit
            case .unreadable:
                statistics.unreadableCosts += 1
                statistics.scopesWithCostField |= bit
            }
        }
        if day != lastFreshDay {
            lastFreshDay = day
            freshDays.insert(day)
        }
        if consumed {
            statistics.requests += 1
            statistics.units = UsageCounts.adding(statistics.units, units)
        }
        if rejected { statistics.rejected += 1 }
        return AttributedRequest(
            user: user, scope: Int32(truncatingIfNeeded: scope), day: day, time: time, units: units, consumed: consumed,
            rejected: rejected)
    }
}
