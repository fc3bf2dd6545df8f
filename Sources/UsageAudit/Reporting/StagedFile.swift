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

    /// Moves the file into place, replacing what was there.
    public func publish() throws(ReportError) {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    /// Removes the staged file; the destination keeps what it had.
    public func discard() {
        unlink(temporary)
    }
}
