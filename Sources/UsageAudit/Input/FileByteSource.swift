#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw bytes of a file descriptor, read with `read(2)` straight into the caller's buffer.
///
/// Works for regular files, pipes, FIFOs and standard input. It can `peek` at the first
/// bytes (to recognise gzip by its magic number) and replays them on the next reads, so
/// nothing is lost even on a pipe that cannot seek.
public final class FileByteSource: ByteSource {
    /// The name used in errors: the path, or `-` for standard input.
    public let name: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    /// Bytes taken by `peek` that `read` has not handed out yet.
    private var replay: [UInt8] = []
    private var replayIndex = 0
    public private(set) var bytesConsumed: Int64 = 0

    /// Opens `path` for reading.
    public convenience init(path: String) throws(InputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: Self.systemMessage(code))
        }
        self.init(descriptor: descriptor, name: path, closesDescriptor: true)
    }

    /// Reads an already open descriptor, such as `STDIN_FILENO`; it is closed on
    /// deinitialisation only if `closesDescriptor` is true.
    public init(descriptor: Int32, name: String, closesDescriptor: Bool) {
        self.descriptor = descriptor
        self.name = name
        self.closesDescriptor = closesDescriptor
    }

    /// Standard input, left open when the source goes away.
    public static func standardInput() -> FileByteSource {
        FileByteSource(descriptor: STDIN_FILENO, name: "-", closesDescriptor: false)
    }

    deinit {
        if closesDescriptor { close(descriptor) }
    }

    /// Returns up to `count` bytes from the start of the stream without consuming them:
    /// the following reads return them again. Fewer than `count` only at the end of the input.
    ///
    /// Call it before the first `read`.
    public func peek(count: Int) throws(InputError) -> [UInt8] {
        precondition(replay.isEmpty && bytesConsumed == 0, "peek must come before any read")
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        defer { scratch.deallocate() }
        var filled = 0
        while filled < count {
            let got = try readDescriptor(into: UnsafeMutableRawBufferPointer(rebasing: scratch[filled..<count]))
            if got == 0 { break }
            filled += got
        }
        let bytes = Array(scratch[0..<filled])
        replay = bytes
        return bytes
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try readBytes(into: buffer)
    }

    /// `read(into:)` with its error type spelled out.
    public func readBytes(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !buffer.isEmpty else { return 0 }
        let count: Int
        if replayIndex < replay.count {
            count = min(buffer.count, replay.count - replayIndex)
            replay.withUnsafeBytes { bytes in
                buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + replayIndex, byteCount: count)
            }
            replayIndex += count
        } else {
            count = try readDescriptor(into: buffer)
        }
        bytesConsumed += Int64(count)
        return count
    }

    /// One `read(2)`, retried when a signal interrupts it.
    private func readDescriptor(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        while true {
            let count = systemRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                // A non-blocking descriptor (an inherited pipe): wait for data rather than spin.
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiting, 1, -1)
                continue
            }
            throw .unreadable(path: name, reason: Self.systemMessage(code))
        }
    }

    /// The system's text for an `errno` value, e.g. "Permission denied".
    static func systemMessage(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// `read(2)`, named apart from `ByteSource.read(into:)`.
private func systemRead(_ descriptor: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, base, count)
}
