import Foundation
import Testing
@testable import UsageAudit

/// `-o`, `--fix-sql` and the reports name a path that may be no regular file: a symlink is
/// followed (the file it names is replaced, the link stays), a FIFO or a device is written
/// into (renaming over it would replace `/dev/stdout` or `/dev/null` with a file).
@Suite("AtomicFile: symlinks, FIFOs and devices")
struct AtomicFileSpecialTargetTests {
    private func kind(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    @Test("a symlink stays a symlink; the file it names gets the text")
    func symlink() throws {
        let folder = try TemporaryFolder("atomic-link")
        try folder.write("old\n", to: "target.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.csv"), withDestinationPath: "target.csv")
        try AtomicFile.write("user,units\n", to: folder.file("link.csv"))
        #expect(kind(folder.file("link.csv")) == S_IFLNK)
        #expect(try String(contentsOfFile: folder.file("target.csv"), encoding: .utf8) == "user,units\n")
        #expect(try folder.entries() == ["link.csv", "target.csv"])
    }

    @Test("a dangling symlink is followed: the file it names is created")
    func danglingSymlink() throws {
        let folder = try TemporaryFolder("atomic-dangling")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.csv"), withDestinationPath: "new.csv")
        try AtomicFile.write("x\n", to: folder.file("link.csv"))
        #expect(kind(folder.file("link.csv")) == S_IFLNK)
        #expect(try String(contentsOfFile: folder.file("new.csv"), encoding: .utf8) == "x\n")
    }

    @Test("a FIFO is written into and stays a FIFO")
    func fifo() async throws {
        let folder = try TemporaryFolder("atomic-fifo")
        let path = folder.file("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        let text = String(repeating: "alice,3\n", count: 20_000) // more than a pipe's buffer
        // Both ends open before the write, without blocking; the test's own writer keeps the
        // reader from seeing the end until the write is done (and from hanging if it never
        // comes).
        let reading = open(path, O_RDONLY | O_NONBLOCK)
        let holding = open(path, O_WRONLY | O_NONBLOCK)
        try #require(reading >= 0 && holding >= 0)
        _ = fcntl(reading, F_SETFL, fcntl(reading, F_GETFL) & ~O_NONBLOCK)
        let reader = Task.detached { () -> [UInt8] in
            defer { close(reading) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(reading, $0.baseAddress, $0.count) }
                if count <= 0 { return received }
                received += buffer[..<count]
            }
        }
        try AtomicFile.write(text, to: path)
        close(holding)
        let received = await reader.value
        #expect(received == Array(text.utf8))
        #expect(kind(path) == S_IFIFO)
        #expect(try folder.entries() == ["pipe"])
    }

    @Test("two files staged for the same target keep their own temporary files until published")
    func twoLinksToOneTarget() throws {
        let folder = try TemporaryFolder("atomic-two-links")
        try folder.write("old\n", to: "target.csv")
        for link in ["a.csv", "b.csv"] {
            try FileManager.default.createSymbolicLink(atPath: folder.file(link), withDestinationPath: "target.csv")
        }
        let first = try AtomicFile.stage("first\n", to: folder.file("a.csv"))
        let second = try AtomicFile.stage("second\n", to: folder.file("b.csv"))
        try first.publish()
        try second.publish()
        #expect(try String(contentsOfFile: folder.file("target.csv"), encoding: .utf8) == "second\n")
        #expect(try folder.entries() == ["a.csv", "b.csv", "target.csv"])
    }

    @Test("a name of standard output or error is written to its descriptor, never reopened or replaced")
    func standardStreams() {
        for (path, descriptor) in [("/dev/stdout", STDOUT_FILENO), ("/proc/self/fd/1", STDOUT_FILENO), ("/dev/stderr", STDERR_FILENO)] {
            #expect(AtomicFile.standardDescriptor(of: path) == descriptor)
            #expect(AtomicFile.destination(of: path) == (path, true))
        }
        #expect(AtomicFile.standardDescriptor(of: "/tmp/stdout") == nil)
    }

    @Test("destination: regular and new files are replaced, other kinds written into")
    func destination() throws {
        let folder = try TemporaryFolder("atomic-destination")
        try folder.write("x", to: "file")
        #expect(AtomicFile.destination(of: folder.file("file")) == (folder.file("file"), false))
        #expect(AtomicFile.destination(of: folder.file("new")) == (folder.file("new"), false))
        #expect(AtomicFile.destination(of: "/dev/null").writesInto)
        #expect(AtomicFile.destination(of: folder.path).writesInto)
    }
}
