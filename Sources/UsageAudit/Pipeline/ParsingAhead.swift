import Foundation

/// Reads and splits one input into lines on a thread of its own while the caller
/// attributes and counts the lines parsed so far; each batch of lines is parsed by
/// whichever of the two threads is free first. For an input that would otherwise leave a
/// core idle: decompression (a thread of its own, `DecodeAheadByteSource`), reading and
/// parsing on one core, counting on the other.
///
/// Lines travel in `ParsedLineBatch`es through a small ring (memory stays at a few batches
/// whatever the input). The reading thread parses a batch while it has no empty one to
/// fill; the caller parses the oldest unparsed batch while the next one in order is not
/// parsed yet. The work thus flows to the core with time to spare: before, the reading
/// thread parsed every batch and shared a core with decompression (the scheduler keeps two
/// threads that wake each other together), and the caller's core idled a third of the time.
/// The caller sees the same lines, outcomes and records, in the same order, as parsing them
/// itself; the error that ended the reading and the source in its final state come back
/// from `finish()`.
final class ParsingAhead<Source: ByteSource>: @unchecked Sendable {
    /// A queued batch on its way. The batch is held by the slot only while it waits: a
    /// thread parsing it, and the caller counting it, hold the only reference to its buffers,
    /// so that filling and recycling reuse them instead of copying.
    private enum Slot {
        /// Read, waiting to be parsed.
        case read(ParsedLineBatch)
        /// Taken out by the thread parsing it.
        case parsing
        /// Parsed, waiting for the caller.
        case parsed(ParsedLineBatch)
        /// Handed to the caller.
        case taken

        var isRead: Bool {
            if case .read = self { return true }
            return false
        }
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var free: [ParsedLineBatch]
    /// The batches in order, from `queuedStart` on not yet handed to the caller.
    private var queued: [Slot] = []
    private var queuedStart = 0
    /// No batch is queued any more: the reading has ended.
    private var ended = false
    /// Where a later run reads the input again from: the line cut off by damage, or the
    /// unfinished last line left for later (set when its batch is parsed).
    private var resumeOffset: Int64?
    // Owned by the reading thread until `ended`, then by the caller.
    private var source: Source
    private var failure: (any Error)?
    // Owned by the caller.
    private var callerParser: TemplateLineParser
    private var callerRecord: LogRecord

    private let parser: TemplateLineParser
    private let fieldCount: Int
    private let skip: Int64
    private let maximumLineLength: Int
    private let progress: CountingProgress?
    /// Whether an unterminated last line that does not parse is left for a later run.
    private let keepsUnfinishedLine: Bool

    /// The threads that parse.
    private let sharing: ParseSharing

    /// Starts reading `source` (from byte `skip` on) with `parser` on a new thread; records
    /// carry the named fields at the catalog indices `carriedFields` (of `fieldCount`).
    init(
        source: Source, parser: TemplateLineParser, fieldCount: Int, carriedFields: [Int], skip: Int64,
        maximumLineLength: Int, progress: CountingProgress?, keepsUnfinishedLine: Bool = false, batches: Int = 4,
        sharing: ParseSharing = .both
    ) {
        self.keepsUnfinishedLine = keepsUnfinishedLine
        self.source = source
        self.parser = parser
        self.fieldCount = fieldCount
        self.skip = skip
        self.maximumLineLength = maximumLineLength
        self.progress = progress
        self.sharing = sharing
        // A calendar of its own: the two threads parse at the same time.
        callerParser = parser.withOwnCalendar()
        callerRecord = LogRecord(fieldCount: fieldCount)
        free = (0..<max(2, batches)).map { _ in ParsedLineBatch(carrying: carriedFields) }
        let thread = Thread { [self] in run() }
        thread.name = "usage-audit read"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Caller: the next batch in order, parsed, or nil when the input has been read to its
    /// end. While it is not parsed yet, the caller parses the oldest batch still unparsed.
    func next() -> ParsedLineBatch? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if queuedStart < queued.count, case .parsed(let batch) = queued[queuedStart] {
                queued[queuedStart] = .taken
                queuedStart += 1
                if queuedStart == queued.count {
                    queued.removeAll(keepingCapacity: true)
                    queuedStart = 0
                }
                return batch
            }
            if sharing != .readerOnly, parseOldestUnparsed(with: &callerParser, record: &callerRecord) { continue }
            if ended && queuedStart == queued.count { return nil }
            condition.wait()
        }
    }

    /// Caller: gives a counted batch back to the reading thread.
    func recycle(_ batch: consuming ParsedLineBatch) {
        var batch = batch
        batch.removeAll()
        condition.lock()
        free.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Caller, after `next()` returned nil: the source as reading left it, the error that
    /// ended the reading (nil at the end of the input) and where the line cut off by that
    /// error (or the unfinished last line left for a later run) starts, if one was.
    func finish() -> (source: Source, failure: (any Error)?, cutLineOffset: Int64?) {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
        return (source, failure, resumeOffset)
    }

    /// With `condition` locked: parses the oldest batch that is read but not parsed, if
    /// there is one, unlocking while it parses. Returns whether there was one.
    private func parseOldestUnparsed(with parser: inout TemplateLineParser, record: inout LogRecord) -> Bool {
        guard let index = queued[queuedStart...].firstIndex(where: \.isRead), case .read(var batch) = queued[index] else {
            return false
        }
        queued[index] = .parsing
        condition.unlock()
        let resume = batch.parse(
            with: &parser, record: &record, keepsUnfinishedLine: keepsUnfinishedLine, maximumLineLength: maximumLineLength)
        condition.lock()
        // Indices stay: a batch is dequeued only once parsed.
        queued[index] = .parsed(batch)
        if let resume { resumeOffset = resume }
        condition.broadcast()
        return true
    }

    /// An empty batch to fill; while none is free, parses the batches read so far.
    private func takeFree(parser: inout TemplateLineParser, record: inout LogRecord) -> ParsedLineBatch {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty {
            if sharing != .callerOnly, parseOldestUnparsed(with: &parser, record: &record) { continue }
            condition.wait()
        }
        return free.removeLast()
    }

    /// Queues `batch`, read, for parsing and counting, and leaves an empty one in its place,
    /// so that the queue holds the only reference to its buffers.
    private func publish(_ batch: inout ParsedLineBatch) {
        condition.lock()
        queued.append(.read(batch))
        batch = ParsedLineBatch()
        condition.broadcast()
        condition.unlock()
    }

    /// The reading thread: splits the input into batches of lines, parsing batches while it
    /// has none to fill, and after the input's end until every batch is parsed.
    private func run() {
        var parser = self.parser
        var record = LogRecord(fieldCount: fieldCount)
        var reader = LineReader(maximumLineLength: maximumLineLength)
        var batch = takeFree(parser: &parser, record: &record)
        let (skip, progress) = (self.skip, self.progress)
        do {
            try reader.forEachLine(in: &source) { line in
                if let progress, line.number & Int(CountingProgress.lineStride - 1) == 0 {
                    progress.add(lines: CountingProgress.lineStride)
                }
                guard line.offset >= skip else { return }
                batch.append(line)
                if batch.isFull {
                    publish(&batch)
                    batch = takeFree(parser: &parser, record: &record)
                }
            }
        } catch {
            failure = error
        }
        condition.lock()
        if batch.count > 0 {
            queued.append(.read(batch))
            // The queue's reference the only one: its parser changes it in place.
            batch = ParsedLineBatch()
        } else {
            free.append(batch)
        }
        ended = true
        condition.broadcast()
        if sharing != .callerOnly {
            while parseOldestUnparsed(with: &parser, record: &record) {}
        }
        condition.unlock()
    }
}
