#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to a file descriptor the way every writer here does: all of it, again after
/// an interrupted call.
public enum FileDescriptor {
    /// Writes the `count` bytes at `bytes` to `descriptor`, retrying when a call is
    /// interrupted or writes only part; the `errno` of the call that failed, nil when all
    /// were written.
    @discardableResult
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, count: Int) -> Int32? {
        var offset = 0
        while offset < count {
            let written = write(descriptor, bytes + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
