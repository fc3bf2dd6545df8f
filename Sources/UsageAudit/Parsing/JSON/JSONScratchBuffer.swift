/// A growable byte buffer owned by one JSON parser, into which unescaped values are written.
///
/// The buffer is a class so that its memory stays put while a `LogRecord` points into it:
/// the record's `text` is valid until the parser reads the next line. It only grows (to the
/// longest line seen), so a parser stops allocating once it has seen its longest line.
final class JSONScratchBuffer {
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>

    init(capacity: Int = 4096) {
        bytes = .allocate(capacity: max(capacity, 16))
    }

    deinit {
        bytes.deallocate()
    }

    /// Makes room for at least `count` bytes; the old contents are not kept.
    func reserve(_ count: Int) {
        guard count > bytes.count else { return }
        var capacity = bytes.count
        while capacity < count {
            let (doubled, overflow) = capacity.multipliedReportingOverflow(by: 2)
            capacity = overflow ? count : doubled
        }
        bytes.deallocate()
        bytes = .allocate(capacity: capacity)
    }
}
