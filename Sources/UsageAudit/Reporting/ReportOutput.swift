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
/// at the buffer whatever the size of the report.
public struct ReportOutput {
    /// The file the buffer is written to, or -1 to keep every byte.
    private let descriptor: Int32
    private let flushSize: Int
    private(set) var bytes: [UInt8] = []
    /// Why writing failed, once it did (later writes are skipped).
    public private(set) var failure: String?

    /// Output that keeps every byte (for `String` rendering).
    public init() {
        descriptor = -1
        flushSize = .max
    }

    /// Output written to the open file `descriptor` every `flushSize` bytes.
    init(descriptor: Int32, flushSize: Int = 1 << 20) {
        self.descriptor = descriptor
        self.flushSize = flushSize
        bytes.reserveCapacity(flushSize + 4096)
    }

    /// Everything appended, as text (only for output that keeps every byte).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        bytes.append(byte)
        if bytes.count >= flushSize { flush() }
    }

    /// Appends text given as a literal (column names, punctuation).
    @inline(__always)
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        if bytes.count >= flushSize { flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inline(__always)
    public mutating func append(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes.append(contentsOf: $0) }
        if bytes.count >= flushSize { flush() }
    }

    /// Appends `bytes`.
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes.append(contentsOf: bytes)
        if self.bytes.count >= flushSize { flush() }
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    @inline(__always)
    public mutating func append(_ value: Int64) {
        if value >= 0 && value < 10 {
            bytes.append(0x30 + UInt8(value))
        } else {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits and a sign
            let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
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
                bytes.append(contentsOf: buffer[position...])
                return buffer.count - position
            }
            _ = count
        }
        if bytes.count >= flushSize { flush() }
    }

    /// Writes the buffered bytes to the file (nothing for output that keeps them).
    public mutating func flush() {
        guard descriptor >= 0, !bytes.isEmpty else { return }
        if failure == nil {
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        failure = String(cString: strerror(errno))
                        return
                    }
                    offset += written
                }
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
