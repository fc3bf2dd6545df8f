import Foundation
import UsageAudit

/// Refuses an output file that is one of the run's own inputs: `-o` or `--fix-sql` naming
/// the configuration, the profiles, the keys file or a log would replace it with a report
/// (the audit reads everything before it writes, so the run would even succeed).
/// Files are compared by device and inode, so another name of the same file counts too.
struct OutputCollision {
    /// The outputs as (flag, path): `-o`, `--fix-sql`.
    var outputs: [(flag: String, path: String)]

    /// A usage error (exit 2) naming the first output that is one of `inputs` (as (what,
    /// path): the configuration, the profiles, the keys file, a log), or nil.
    func collision(against inputs: [(what: String, path: String)]) -> CommandFailure? {
        for output in outputs {
            guard let written = Self.identity(of: output.path) else { continue }
            for input in inputs where Self.identity(of: input.path) == written {
                return CommandFailure(
                    message: "\(output.flag) \(output.path) is the \(input.what) \(input.path) of this run: writing it would replace it; choose another file",
                    exitCode: ExitStatus.usage)
            }
        }
        return nil
    }

    /// Device and inode of an existing regular file, nil for anything else (a missing file,
    /// a FIFO, `/dev/stdout`: written into, never replaced).
    private static func identity(of path: String) -> [UInt64]? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
