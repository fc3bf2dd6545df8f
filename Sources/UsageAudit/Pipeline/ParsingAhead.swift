import Foundation

/// Reads, splits and parses one input on a thread of its own while the caller attributes
/// and counts the lines parsed so far: decompression and parsing on one core, counting on
/// the other, for an input that would otherwise leave a core idle.
///
/// Lines travel in `ParsedLineBatch`es through a small ring (memory stays at a few batches
/// whatever the input). The caller sees the same lines, outcomes and records, in the same
/// order, as parsing them itself; the error that ended the reading and the source in its
/// final state come back from `finish()`.
final class ParsingAhead<Source: ByteSource>: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var free: [ParsedLineBatch]
    /// Taken out (set to nil) when handed to the caller, so that the caller's batch is the
    /// only reference to its buffers: recycling it then reuses them instead of copying.
    private var filled: [ParsedLineBatch?] = []
    private var filledStart = 0
    private var ended = false
    // Owned by the reading thread until `ended`, then by the caller.
    private var source: Source
    private var failure: (any Error)?
    /// Where the line cut off by damage starts, when the reading ended with one.
    private var cutLineOffset: Int64?

    private let parser: TemplateLineParser
    private let fieldCount: Int
    private let skip: Int64
    private let maximumLineLength: Int
    private let progress: CountingProgress?
    /// Whether an unterminated last line that does not parse is left for a later run.
    private let keepsUnfinishedLine: Bool

    /// Starts reading `source` (from byte `skip` on) with `parser` on a new thread; records
    /// carry the named fields at the catalog indices `carriedFields` (of `fieldCount`).
    init(
        source: Source, parser: TemplateLineParser, fieldCount: Int, carriedFields: [Int], skip: Int64,
        maximumLineLength: Int, progress: CountingProgress?, keepsUnfinishedLine: Bool = false, batches: Int = 4
    ) {
        self.keepsUnfinishedLine = keepsUnfinishedLine
        self.source = source
        self.parser = parser
        self.fieldCount = fieldCount
        self.skip = skip
        self.maximumLineLength = maximumLineLength
        self.progress = progress
        free = (0..<max(2, batches)).map { _ in ParsedLineBatch(carrying: carriedFields) }
        let thread = Thread { [self] in run() }
        thread.name = "usage-audit parse"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Caller: the next batch in order, or nil when the input has been read to its end.
    func next() -> ParsedLineBatch? {
        condition.lock()
        defer { condition.unlock() }
        while filledStart == filled.count && !ended { condition.wait() }
        guard filledStart < filled.count, let batch = filled[filledStart] else { return nil }
        filled[filledStart] = nil
        filledStart += 1
        if filledStart == filled.count {
            filled.removeAll(keepingCapacity: true)
            filledStart = 0
        }
        return batch
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
    /// error starts, if one was.
    func finish() -> (source: Source, failure: (any Error)?, cutLineOffset: Int64?) {
        condition.lock()
        defer { condition.unlock() }
        while !ended { condition.wait() }
        return (source, failure, cutLineOffset)
    }

    private func takeFree() -> ParsedLineBatch {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty { condition.wait() }
        return free.removeLast()
    }

    /// Queues `batch` for the caller and leaves an empty one in its place, so that the
    /// queue holds the only reference to its buffers (the caller recycles them in place).
    private func publish(_ batch: inout ParsedLineBatch) {
        condition.lock()
        filled.append(batch)
        batch = ParsedLineBatch()
        condition.broadcast()
        condition.unlock()
    }

    /// The reading thread.
    private func run() {
        var parser = self.parser
        var record = LogRecord(fieldCount: fieldCount)
        var reader = LineReader(maximumLineLength: maximumLineLength)
        var batch = takeFree()
        let (skip, limit, progress) = (self.skip, maximumLineLength, self.progress)
        do {
            try reader.forEachLine(in: &source) { line in
                if let progress, line.number & Int(CountingProgress.lineStride - 1) == 0 {
                    progress.add(lines: CountingProgress.lineStride)
                }
                guard line.offset >= skip else { return }
                if line.isCutByDamage {
                    cutLineOffset = line.offset
                    batch.append(line, outcome: .malformed, reason: InputCounter.cutByDamageReason)
                } else if line.isTruncated {
                    batch.append(line, outcome: .malformed, reason: InputCounter.tooLongReason(limit))
                } else {
                    switch parser.parse(line.bytes, into: &record) {
                    case .parsed: batch.append(line, record: &record)
                    case .ignored: batch.append(line, outcome: .ignored)
                    case .malformed where line.isUnterminated && keepsUnfinishedLine:
                        cutLineOffset = line.offset
                        batch.append(line, outcome: .malformed, reason: InputCounter.unfinishedReason)
                    case .malformed(let reason): batch.append(line, outcome: .malformed, reason: reason)
                    }
                }
                if batch.isFull {
                    publish(&batch)
                    batch = takeFree()
                }
            }
        } catch {
            failure = error
        }
        condition.lock()
        if batch.count > 0 { filled.append(batch) } else { free.append(batch) }
        ended = true
        condition.broadcast()
        condition.unlock()
    }
}
