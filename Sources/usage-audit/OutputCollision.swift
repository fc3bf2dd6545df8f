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

    /// Device and inode of an existing regular file; for a file not made yet (a state store
    /// the run creates), its folder's real path and its name. Nil for anything else (a
    /// FIFO, `/dev/stdout`: written into, never replaced).
    private static func identity(of path: String) -> String? {
        guard path != "-", !path.isEmpty else { return nil }
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return "\(info.st_dev):\(info.st_ino)"
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let folder = realpath(PathFolder.of(path), nil) else { return nil }
        defer { free(folder) }
        return "new:" + String(cString: folder) + "/" + name
    }
}
