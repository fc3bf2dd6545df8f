#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a report on their way out: appended into one buffer that is written to a
/// file whenever it fills (`AtomicFile.write(to:_:)`), or kept whole to become a `String`
/// (`OutputFormat.render`), so that both give the same bytes.
///
/// Rendering appends bytes and digits, never builds a `String` per cell, and memory stays
/// at the buffer whatever the size of the report. Not copyable: it owns its buffer.
public struct ReportOutput: ~Copyable {
    /// The file the buffer is written to, or -1 to keep every byte.
    private let descriptor: Int32
    private let flushSize: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Why writing failed, once it did (later writes are skipped).
    public private(set) var failure: String?

    /// Output that keeps every byte (for `String` rendering).
    public init() {
        descriptor = -1
        flushSize = .max
        capacity = 4096
        storage = .allocate(capacity: capacity)
    }

    /// Output written to the open file `descriptor` every `flushSize` bytes.
    init(descriptor: Int32, flushSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.flushSize = flushSize
        capacity = flushSize + 4096
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Everything appended, as text (only for output that keeps every byte).
    public var text: String {
        String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
    }

    /// Everything appended (only for output that keeps every byte).
    var bytes: [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(by: 1) }
        storage[count] = byte
        count += 1
        if count >= flushSize { flush() }
    }

    /// Appends text given as a literal (column names, punctuation).
    @inline(__always)
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    public mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `bytes`.
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(by: bytes.count) }
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
        if count >= flushSize { flush() }
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    @inline(__always)
    public mutating func append(_ value: Int64) {
        if value >= 0 && value < 10 {
            append(0x30 + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits and a sign
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                buffer[position] = 0x2D
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[position...]))
        }
    }

    /// Writes the buffered bytes to the file (nothing for output that keeps them).
    public mutating func flush() {
        guard descriptor >= 0, count > 0 else { return }
        if failure == nil, let code = FileDescriptor.writeAll(descriptor, storage, count: count) {
            failure = String(cString: strerror(code))
        }
        count = 0
    }

    /// Makes room for `more` bytes (only output that keeps every byte grows).
    private mutating func grow(by more: Int) {
        var newCapacity = max(capacity, 16)
        while newCapacity < count + more { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }
}
