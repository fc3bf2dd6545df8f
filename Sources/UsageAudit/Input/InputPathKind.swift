#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, as far as reading logs is concerned (symbolic links followed).
enum InputPathKind: Equatable {
    /// Nothing: no such file, or a path through something that is not a directory.
    case missing
    /// `stat` failed for another reason; the `errno` value.
    case failed(Int32)
    case directory
    /// A regular file, FIFO or character device (`/dev/stdin`): something `read(2)` streams.
    case readable
    /// A socket or block device.
    case other

    init(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            self = code == ENOENT || code == ENOTDIR ? .missing : .failed(code)
            return
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFREG, S_IFIFO, S_IFCHR: self = .readable
        default: self = .other
        }
    }

    /// Whether `path` is a regular file (following links).
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` is a symbolic link that leads to nothing (a missing file, a loop).
    static func isDanglingLink(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return false }
        return stat(path, &status) != 0
    }

    /// Whether `path` itself (not following a link) is a directory.
    static func isRealDirectory(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}
