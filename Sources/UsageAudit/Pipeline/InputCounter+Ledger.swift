import Logging

/// Counting against a state store's ledger: what an input adds to what was counted before
/// (nothing, the part past it, or all of it), the record a run stores of it, and the
/// copies, cut copies and rewritten logs that must not count twice.
extension InputCounter {
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
        let formatMisses = statistics.malformedSamples.contains { Self.isFormatReason($0.reason) }
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
}
