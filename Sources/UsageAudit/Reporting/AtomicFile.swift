import Foundation

/// Writes files so that readers see the old content or the new, never half of it:
/// a temporary file in the same folder, flushed, then renamed over the target.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(ReportError) {
        try stage(text, to: path).publish()
    }

    /// Writes `text` to a temporary file beside `path`, as `stage(to:_:)` does.
    public static func stage(_ text: String, to path: String) throws(ReportError) -> StagedFile {
        var text = text
        return try stage(to: path) { output in
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }

    public static func write(_ data: Data, to path: String) throws(ReportError) {
        try write(to: path) { output in
            data.withUnsafeBytes { output.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        }
    }

    /// Writes what `body` appends to `path`, streaming it through a buffer of 1 MiB (a large
    /// report is never held whole in memory).
    public static func write(to path: String, _ body: (inout ReportOutput) -> Void) throws(ReportError) {
        try stage(to: path, body).publish()
    }

    /// Writes what `body` appends to a temporary file beside `path` and flushes it to disk,
    /// leaving `path` as it is until the staged file is published.
    /// A symlink is followed: the file it names is replaced. What is no regular file (a
    /// FIFO, a terminal, `/dev/null`, a pipe behind `/dev/stdout`) is written into.
    public static func stage(to path: String, _ body: (inout ReportOutput) -> Void) throws(ReportError) -> StagedFile {
        let (target, writesInto) = destination(of: path)
        let name = (target as NSString).lastPathComponent
        let directory = writesInto ? NSTemporaryDirectory() : PathFolder.of(target)
        // One temporary file per staged file: two reports may resolve to the same target
        // (two links to /dev/null), and each keeps its own until published. A name taken by
        // a file gets a serial; taken by anything else, staging fails.
        let base = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())"
        var temporary = base
        var serial = 0
        var descriptor: Int32
        var openError: Int32 = 0
        while true {
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            openError = errno
            guard descriptor < 0, openError == EEXIST else { break }
            var info = stat()
            guard lstat(temporary, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { break }
            serial += 1
            temporary = base + ".\(serial)"
        }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(openError))) }
        var staged = StagedFile(path: target, temporary: temporary)
        staged.writesInto = writesInto
        var output = ReportOutput(descriptor: descriptor)
        body(&output)
        output.flush()
        var failure = output.failure
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if let failure {
            staged.discard()
            throw .cannotWrite(path: path, reason: failure)
        }
        return staged
    }

    /// Where a file for `path` goes: a new or regular file is replaced by renaming, one a
    /// symlink names likewise (the link stays); anything else that exists, or a link that
    /// names no path (dangling, or a pipe behind `/proc/self/fd/1`), is written into.
    static func destination(of path: String) -> (path: String, writesInto: Bool) {
        if standardDescriptor(of: path) != nil { return (path, true) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return (path, false) }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else { return (path, true) }
            defer { free(resolved) }
            let target = String(cString: resolved)
            guard lstat(target, &info) == 0 else { return (path, true) }
            return (target, info.st_mode & S_IFMT != S_IFREG)
        }
        return (path, info.st_mode & S_IFMT != S_IFREG)
    }

    /// The descriptor a name of standard output or error stands for (`/dev/stdout`,
    /// `/dev/fd/2`, `/proc/self/fd/1`): written to as it is, never reopened, so that what
    /// the command printed before stays when it is redirected to a file.
    public static func standardDescriptor(of path: String) -> Int32? {
        switch path {
        case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1": return STDOUT_FILENO
        case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2": return STDERR_FILENO
        default: return nil
        }
    }

    /// Removes the temporary files that killed runs left in `directory`: `.NAME.tmp-PID` or
    /// `.NAME.tmp-PID.SERIAL`
    /// files, for a NAME that `isOurs`, of processes that no longer run (a live run's are
    /// kept). Returns their names.
    @discardableResult
    public static func removeLeftovers(in directory: String, where isOurs: (String) -> Bool) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(".") {
            guard let marker = name.range(of: ".tmp-", options: .backwards),
                  isOurs(String(name[name.index(after: name.startIndex)..<marker.lowerBound])),
                  let pid = Int32(name[marker.upperBound...].prefix { $0 != "." }), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  unlink(path) == 0
            else { continue }
            removed.append(name)
        }
        return removed
    }

    /// Creates `directory` (and its parents) if it does not exist. The error names the
    /// folder on the way that could not be made and why, in the system's words
    /// (`'reports' is a file, not a folder`, `'/proc/x': No such file or directory`).
    public static func createDirectory(_ directory: String) throws(ReportError) {
        var prefix = directory.hasPrefix("/") ? "/" : ""
        for component in directory.split(separator: "/") {
            prefix += prefix.isEmpty || prefix.hasSuffix("/") ? String(component) : "/" + component
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw .cannotWrite(path: directory, reason: "cannot create the folder: '\(prefix)' is a file, not a folder")
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 {
                let failure = errno
                // A name that exists but cannot be followed: a link to nowhere.
                if failure == EEXIST, lstat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
                    throw .cannotWrite(path: directory, reason: "cannot create the folder: '\(prefix)' is a link to something that does not exist")
                }
                if failure != EEXIST {
                    throw .cannotWrite(path: directory, reason: "cannot create the folder '\(prefix)': \(String(cString: strerror(failure)))")
                }
            }
        }
    }
}
