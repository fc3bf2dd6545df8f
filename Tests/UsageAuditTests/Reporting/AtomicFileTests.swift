import Foundation
import Testing
@testable import UsageAudit

@Suite("AtomicFile")
struct AtomicFileTests {
    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("writes a new file with exactly the text")
    func writesNewFile() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("usage.csv")
        try AtomicFile.write("user,units\nalice,3\n", to: path)
        #expect(try read(path) == "user,units\nalice,3\n")
        #expect(try folder.entries() == ["usage.csv"])
    }

    @Test("replaces an existing file, longer or shorter, and leaves no temporary file")
    func replaces() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("summary.json")
        try AtomicFile.write(String(repeating: "x", count: 10_000), to: path)
        try AtomicFile.write("{}\n", to: path)
        #expect(try read(path) == "{}\n")
        try AtomicFile.write(Data([0x00, 0xFF, 0x0A]), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([0x00, 0xFF, 0x0A]))
        #expect(try folder.entries() == ["summary.json"])
    }

    @Test("temporary files of runs that no longer run are removed; a live run's and other files stay")
    func leftovers() throws {
        let folder = try TemporaryFolder("atomic")
        // A process that has ended: its id names no running process.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let names = [
            ".usage.csv.tmp-\(dead)", ".recommendations-long.sql.tmp-\(dead)", ".usage.json.tmp-\(getpid())",
            ".notes.txt.tmp-\(dead)", ".notes.tmp-x", "usage.csv", ".hidden",
        ]
        for name in names { try AtomicFile.write("x\n", to: folder.file(name)) }
        #expect(AtomicFile.removeLeftovers(in: folder.path, where: ReportSet.isReportFile)
            == [".recommendations-long.sql.tmp-\(dead)", ".usage.csv.tmp-\(dead)"])
        // Another program's file and a live run's stay.
        #expect(try folder.entries() == [".hidden", ".notes.tmp-x", ".notes.txt.tmp-\(dead)", ".usage.json.tmp-\(getpid())", "usage.csv"])
        #expect(AtomicFile.removeLeftovers(in: folder.file("missing"), where: { _ in true }).isEmpty)
    }

    @Test("writes an empty file")
    func emptyFile() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("empty.csv")
        try AtomicFile.write("", to: path)
        #expect(FileManager.default.contents(atPath: path) == Data())
    }

    @Test("a reader that opened the old file keeps reading the old content")
    func oldReadersUnaffected() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("usage.csv")
        try AtomicFile.write("old content\n", to: path)
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        try AtomicFile.write("new content\n", to: path)
        let old = try handle.readToEnd().map { String(decoding: $0, as: UTF8.self) }
        #expect(old == "old content\n")
        #expect(try read(path) == "new content\n")
    }

    @Test("a folder that does not exist is an error naming the path, and nothing is left behind")
    func missingFolder() throws {
        let folder = try TemporaryFolder("atomic")
        let path = folder.file("missing/usage.csv")
        do {
            try AtomicFile.write("x", to: path)
            Issue.record("writing into a missing folder succeeded")
        } catch {
            guard case .cannotWrite(let failedPath, let reason) = error else { return }
            #expect(failedPath == path)
            #expect(!reason.isEmpty)
            #expect(error.description.contains(path))
        }
        #expect(try folder.entries().isEmpty)
    }

    @Test("a target that is a folder is an error and the temporary file is removed")
    func targetIsFolder() throws {
        let folder = try TemporaryFolder("atomic")
        try FileManager.default.createDirectory(atPath: folder.file("usage.csv"), withIntermediateDirectories: false)
        #expect(throws: ReportError.self) {
            try AtomicFile.write("x", to: folder.file("usage.csv"))
        }
        #expect(try folder.entries() == ["usage.csv"])
    }

    @Test("a folder under a regular file cannot be written or created")
    func folderUnderFile() throws {
        let folder = try TemporaryFolder("atomic")
        try folder.write("not a folder", to: "file")
        #expect(throws: ReportError.self) {
            try AtomicFile.write("x", to: folder.file("file/usage.csv"))
        }
        #expect(throws: ReportError.self) {
            try AtomicFile.createDirectory(folder.file("file/reports"))
        }
    }

    @Test("createDirectory names the part of the path in the way: a file, a link to nowhere")
    func createDirectoryNamesTheObstacle() throws {
        let folder = try TemporaryFolder("atomic")
        try folder.write("not a folder", to: "file")
        let link = folder.file("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.file("nowhere"))
        for (path, reason) in [
            (folder.file("file/reports"), "'\(folder.file("file"))' is a file, not a folder"),
            (link + "/reports", "'\(link)' is a link to something that does not exist"),
        ] {
            do {
                try AtomicFile.createDirectory(path)
                Issue.record("\(path) was created")
            } catch {
                #expect("\(error)".contains(reason), "\(error)")
            }
        }
    }

    @Test("createDirectory makes missing parents and accepts an existing folder")
    func createDirectory() throws {
        let folder = try TemporaryFolder("atomic")
        let nested = folder.file("a/b/c")
        try AtomicFile.createDirectory(nested)
        try AtomicFile.createDirectory(nested)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)
    }
}
