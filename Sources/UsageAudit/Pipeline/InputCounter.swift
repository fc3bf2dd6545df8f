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
    private let logger: Logger
    /// Local days with requests in the input being counted.
    private var freshDays: Set<LocalDay> = []
    private var lastFreshDay: LocalDay?
    /// Where the line cut off by damage starts, when the input being read ended with one.
    private var cutLineOffset: Int64?
    /// The damage that ended the input being read, if any.
    private var lastDamage: InputDamage?
    /// Whether `read` leaves the warning about `lastDamage` to its caller.
    private var holdsDamageWarning = false
    /// The line reader of the last input, kept for the next.
    private var spareLineReader: LineReader?
    /// Whether an unterminated last line that does not parse is left for a later run (a
    /// plain file read against a state store: it may still be written).
    private var keepsUnfinishedLine = false
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
    /// - Parameter decodeAhead: work ahead on a thread of its own (for an input that would
    ///   otherwise leave a core idle): decompress and, for template formats, split and parse
    ///   there while this thread attributes and counts.
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

    /// Counts what `input` adds to `ledger`: nothing when it was counted before, the part
    /// past what was counted when it grew, all of it when it is new. Damage and content that
    /// changed since it was counted are reported in the statistics, not thrown.
    /// - Returns: the statistics, the record the input continues (if any) and, when something
    ///   was counted, the input's updated record.
    public mutating func count(
        _ input: InputSource, into usage: inout CountedUsage, against ledger: InputLedger, countedAt: Int64,
        progress: CountingProgress? = nil, decodeAhead: Bool = false
    ) throws(InputError) -> (statistics: InputStatistics, previous: CountedInput?, updated: CountedInput?) {
        var statistics = InputStatistics(path: input.displayName)
        let base = try input.open(decodeAhead: decodeAhead)
        var source = ContentReader(base: base)
        source.readHead()
        let previous = ledger.match(head: source.head)
        // A plain file may be a live log: its last line can be half written. (A gzip file
        // is written whole; standard input cannot be read again for that line.)
        if case .file = input { keepsUnfinishedLine = base is FileByteSource } else { keepsUnfinishedLine = false }
        defer { keepsUnfinishedLine = false }
        if previous == nil, let damage = source.damageInHead, let original = cutCopy(of: source, named: input.displayName, in: ledger) {
            // Damaged before its first 64 KiB ended, and starting like a longer log of the
            // same name counted before: that log cut short (logrotate still compressing it
            // when the run began). Counted as new, its lines would count twice.
            let decoded = source.leadingZeros + Int64(source.head.count)
            statistics.content = .alreadyCounted(previousName: original.name, countedAt: original.countedAt)
            statistics.skippedBytes = decoded
            statistics.bytes = source.bytesConsumed
            statistics.error = damage.describing(copyOf: original.name, originalLength: original.length, decoded: decoded)
            logger.warning("\(statistics.error!)")
            return (statistics, nil, nil)
        }
        if previous == nil, let rewritten = ledger.rewritten(name: input.displayName, head: source.head) {
            statistics.content = .changed(previousName: rewritten.name, countedAt: rewritten.countedAt)
            statistics.error = "it has the name and first line of a log counted before, but not its content (rewritten since): nothing of it was counted again; if it is a new log, use a new --state or rename it"
            logger.warning("\(input.displayName): \(statistics.error!)")
            return (statistics, nil, nil)
        }
        source.checkpoint = previous?.length
        freshDays = []
        lastFreshDay = nil
        let skip = previous?.length ?? 0
        source.expectedChecksum = previous?.checksum
        holdsDamageWarning = true
        defer { holdsDamageWarning = false }
        try read(
            &source, name: input.displayName, from: skip, statistics: &statistics, usage: &usage, progress: progress,
            parsesAhead: decodeAhead && parsesAhead)
        if let damage = lastDamage, source.length >= previous?.length ?? 0 { logger.warning("\(damage.description)") }
        guard let previous else {
            statistics.content = .new
            if let alike = ledger.longer(than: source.length, startingLike: source.head) {
                logger.warning("\(input.displayName): counted as new, but it starts with the first line of \(alike.name), counted before and longer (\(alike.length) bytes, this input \(source.length)); if it is a copy of that log's start, its requests are now counted twice (an input under \(ContentDigest.headCapacity / 1024) KiB is recognised only whole)")
            }
            return (statistics, nil, record(of: source, input: input, statistics: statistics, countedAt: countedAt))
        }
        if source.length < previous.length, let damage = lastDamage {
            // Its first 64 KiB are the record's and damage ended it before the record's
            // length: a copy of the record cut short, of which nothing past the record was read.
            statistics.content = .alreadyCounted(previousName: previous.name, countedAt: previous.countedAt)
            statistics.skippedBytes = source.length
            statistics.error = damage.describing(copyOf: previous.name, originalLength: previous.length, decoded: source.length)
            logger.warning("\(statistics.error!)")
            return (statistics, previous, nil)
        }
        if source.length < previous.length, statistics.error == nil {
            // Its first 64 KiB are the record's, and it ends before the record did: a copy of
            // the record's start (`head -n`, a copy taken while the log was written). What
            // lies past its head cannot be compared (only the record's whole length has a
            // checksum), so it is taken for that copy and says so.
            statistics.content = .alreadyCounted(previousName: previous.name, countedAt: previous.countedAt)
            statistics.skippedBytes = source.length
            logger.warning("\(input.displayName): its first \(ContentDigest.headCapacity / 1024) KiB are those of \(previous.name), counted before, which is longer (\(previous.length) bytes, this input \(source.length)): taken for a shorter copy of it and not counted again; only those first bytes could be compared")
            return (statistics, previous, nil)
        }
        let unchanged = source.length >= previous.length && source.checksumAtCheckpoint == previous.checksum
        guard unchanged else {
            statistics.content = .changed(previousName: previous.name, countedAt: previous.countedAt)
            statistics.error = "it starts like \(previous.name), counted before, but its first \(previous.length) bytes are not what was counted then (rewritten or truncated since): nothing of it was counted again; if it is a different log, give it another first line or use a new --state"
            logger.warning("\(input.displayName): \(statistics.error!)")
            return (statistics, previous, nil)
        }
        statistics.skippedBytes = previous.length
        if source.length == previous.length {
            statistics.content = .alreadyCounted(previousName: previous.name, countedAt: previous.countedAt)
            logger.debug("\(input.displayName): already counted (as \(previous.name)); nothing added")
            return (statistics, previous, nil)
        }
        statistics.content = .appended(offset: previous.length, previousName: previous.name)
        logger.info("\(input.displayName): continues \(previous.name); counting from byte \(previous.length)")
        guard var updated = record(of: source, input: input, statistics: statistics, countedAt: countedAt),
              updated.length > previous.length
        else {
            // Only a line cut off by damage was new: nothing is recorded past the last run.
            return (statistics, previous, nil)
        }
        updated.id = previous.id
        updated.countedBefore = previous.length
        updated.lines += previous.lines
        updated.first = [previous.first, updated.first].compactMap { $0 }.min()
        updated.last = [previous.last, updated.last].compactMap { $0 }.max()
        updated.days = Array(Set(previous.days).union(updated.days)).sorted()
        return (statistics, previous, updated)
    }

    /// The longer log counted before that `source`, damaged within its head, is a copy of
    /// cut short: one of the same name through rotations (`access.log.1` for
    /// `access.log.2.gz`) whose first line — a real one, not blank — is the head's.
    private func cutCopy(of source: ContentReader, named name: String, in ledger: InputLedger) -> CountedInput? {
        let firstLine = source.head.prefix { $0 != 0x0A }
        guard firstLine.contains(where: { $0 != ASCII.space && $0 != ASCII.tab && $0 != 0x0D }),
              let original = ledger.longer(
                than: source.leadingZeros + Int64(source.head.count), startingLike: source.head,
                where: { RotatedLogName.sameLog($0.name, name) })
        else { return nil }
        return original
    }

    /// The record of what was read from `source` (the part counted by this run only), or
    /// nil when there is nothing to record.
    ///
    /// A line cut off by damage is counted as malformed, but the record ends where it starts:
    /// a later run that finds the input whole (a log copied while it was still being
    /// written) reads that line again, in full. Standard input cannot be read again for
    /// the checksum of the shorter length, so there the record keeps the cut line (as it
    /// does, with a warning, when reading a file again gives other bytes).
    private func record(of source: ContentReader, input: InputSource, statistics: InputStatistics, countedAt: Int64) -> CountedInput? {
        // Lines too long or cut off by damage say nothing of the format; beyond the samples
        // kept, the other malformed lines are taken for format ones.
        let formatMisses = statistics.malformedSamples.contains {
            $0.reason != Self.cutByDamageReason && $0.reason != Self.unfinishedReason && !$0.reason.hasPrefix("line longer than")
        }
            || statistics.malformed > Int64(statistics.malformedSamples.count)
        guard statistics.parsed > 0 || !formatMisses else {
            // Not one line read as the log format: a wrong `[log] format`, most likely.
            // Recorded, its lines would never be counted once the format is fixed.
            logger.warning("\(input.displayName): none of its \(statistics.malformed.grouped) new lines matched the log format, so it is not recorded as counted in the state store: once [log] format is right, the next run counts it")
            return nil
        }
        var length = source.length
        var checksum = source.checksum
        var lines = statistics.lines
        if let cut = cutLineOffset {
            guard cut > 0 else { return nil }
            if let prefix = Self.checksum(of: input, upTo: cut, readBefore: (source.length, source.checksum)) {
                length = cut
                checksum = prefix
                lines -= 1
            } else {
                let why = if case .standardInput = input { "standard input cannot be read a second time" } else { "reading it again did not give the same bytes" }
                logger.warning("\(input.displayName): its last line, cut off (by damage, or not yet written whole), is recorded as read: a later run that reads this input whole will not count that line (\(why) to record less)")
            }
        }
        // Nothing but NUL bytes has no head to be known by (it would match every input).
        guard length > 0, !source.head.isEmpty else { return nil }
        let headLength = min(source.head.count, ContentDigest.headCapacity)
        return CountedInput(
            headLength: headLength, headDigest: ContentDigest.headDigest(of: source.head.prefix(headLength)),
            lineDigest: ContentDigest.lineDigest(of: source.head),
            length: length, checksum: checksum, name: input.displayName, lines: lines,
            first: statistics.first, last: statistics.last, days: freshDays.sorted(), countedAt: countedAt)
    }

    /// The CRC-32 of the first `length` decoded bytes of `input`, read again from the start
    /// to where the damage stops it; nil for standard input, when they cannot be read, or
    /// when the bytes read again are not those counted (`readBefore`: their number and CRC-32;
    /// the file was replaced meanwhile).
    private static func checksum(of input: InputSource, upTo length: Int64, readBefore: (length: Int64, checksum: UInt32)) -> UInt32? {
        guard case .file = input, let base = try? input.open() else { return nil }
        var reader = ContentReader(base: base)
        reader.checkpoint = length
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        // Only as far as it was read: a live log has grown since, and what it added is no
        // reason to doubt the bytes read before.
        while reader.length < readBefore.length {
            let wanted = Int(min(Int64(buffer.count), readBefore.length - reader.length))
            guard let count = try? buffer.withUnsafeMutableBytes({ try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }),
                  count > 0
            else { break }
        }
        guard reader.length == readBefore.length, reader.checksum == readBefore.checksum else { return nil }
        return reader.checksumAtCheckpoint
    }

    /// Reads every line of `source`, counting those that start at or after `skip`.
    /// - Parameter parsesAhead: read and parse on a thread of their own (template formats;
    ///   others only decode ahead, see `parsesAhead`).
    private mutating func read(
        _ source: inout some ByteSource, name: String, from skip: Int64, statistics: inout InputStatistics,
        usage: inout CountedUsage, progress: CountingProgress?, parsesAhead: Bool
    ) throws(InputError) {
        var parser = plan.format.makeParser(fields: plan.fields, calendar: logCalendar)
        cutLineOffset = nil
        lastDamage = nil
        do {
            // The common formats get a loop specialised for their parser (no dynamic call per
            // line), and are parsed on a thread of their own when a core would be idle.
            if var template = parser as? TemplateLineParser {
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

    /// Whether the log format is parsed ahead on a thread of its own when asked to work
    /// ahead (template formats: one line's parse does not depend on another's); other
    /// formats only decode ahead.
    private var parsesAhead: Bool { plan.format is TemplateLogFormat }

    /// Why the last line of a plain log, without a newline and not a log line, is malformed.
    public static let unfinishedReason = "an unfinished last line (the log still being written?): a later run reads it again, whole"

    /// Why a line cut off by damage to its file is malformed.
    public static let cutByDamageReason = "line cut off by the damage to the file"

    /// Why a line longer than `limit` bytes is malformed.
    static func tooLongReason(_ limit: Int) -> String {
        "line longer than \(limit) bytes"
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

    /// `readLines` with the reading and parsing on a thread of their own (`ParsingAhead`)
    /// and the counting here; the same lines, counts and errors.
    private mutating func readLinesAhead<Source: ByteSource>(
        _ source: inout Source, parser: TemplateLineParser, from skip: Int64, statistics: inout InputStatistics,
        usage: inout CountedUsage, progress: CountingProgress?
    ) throws {
        let ahead = ParsingAhead(
            source: source, parser: parser, fieldCount: plan.fields.count, carriedFields: plan.countedFieldIndices, skip: skip,
            maximumLineLength: maximumLineLength, progress: progress, keepsUnfinishedLine: keepsUnfinishedLine)
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
        if line.isCutByDamage {
            cutLineOffset = line.offset
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: Self.cutByDamageReason, redactor: redactor)
            return
        }
        if line.isTruncated {
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: Self.tooLongReason(maximumLineLength), redactor: redactor)
            return
        }
        // Every parser resets the record itself.
        switch parser.parse(line.bytes, into: &record) {
        case .ignored:
            statistics.ignored += 1
        case .malformed(let reason):
            if line.isUnterminated, keepsUnfinishedLine {
                cutLineOffset = line.offset
                statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: Self.unfinishedReason, redactor: redactor)
                return
            }
            statistics.recordMalformed(line: line.number, bytes: line.bytes, reason: reason, redactor: redactor)
        case .parsed:
            count(record, statistics: &statistics, usage: &usage)
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
        guard classifier.isCounted(record) else {
            statistics.excluded += 1
            return nil
        }
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
        let scope = classifier.scope(of: record)
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
