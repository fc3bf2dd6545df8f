#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written in full (and flushed to disk) under a temporary name beside its
/// destination, not yet in place: `publish()` renames it over the destination in one
/// step, `discard()` removes it. Reports are staged while the state store commits, and
/// published only once the commit succeeded.
public struct StagedFile: Sendable {
    /// Where the file goes.
    public let path: String
    /// Where it is until then.
    let temporary: String
    /// Whether `path` is no regular file (a FIFO, a terminal, `/dev/null`): it is written
    /// into instead of replaced, which cannot be atomic.
    var writesInto = false

    /// Moves the file into place, replacing what was there (or writes it into `path`).
    public func publish() throws(ReportError) {
        if writesInto {
            defer { discard() }
            if let reason = copy() { throw .cannotWrite(path: path, reason: reason) }
            return
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Copies the staged bytes into `path`; the reason on failure.
    private func copy() -> String? {
        let source = open(temporary, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return String(cString: strerror(errno)) }
        defer { close(source) }
        let standard = AtomicFile.standardDescriptor(of: path)
        let target = standard ?? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard target >= 0 else { return String(cString: strerror(errno)) }
        defer { if standard == nil { close(target) } }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 { return String(cString: strerror(errno)) }
            if count == 0 { return nil }
            if let code = buffer.withUnsafeBytes({ FileDescriptor.writeAll(target, $0.baseAddress!, count: count) }) {
                // The reader of a pipe closed it (`-o /dev/stdout | head`): it has all it
                // wanted, as for data on stdout.
                return code == EPIPE ? nil : String(cString: strerror(code))
            }
        }
    }

    /// Removes the staged file; the destination keeps what it had.
    public func discard() {
        unlink(temporary)
    }
}
