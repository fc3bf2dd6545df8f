import Foundation
import Testing
@testable import UsageAudit

@Suite struct InputExpanderTests {
    private func paths(_ sources: [InputSource]) -> [String] { sources.map(\.displayName) }

    @Test func keepsFilesAndStandardInputInOperandOrder() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let b = try directory.write("b.log", text: "b\n")
        let a = try directory.write("a.log", text: "a\n")
        let sources = try InputExpander().expand([b, "-", a])
        #expect(sources == [.file(path: b), .standardInput, .file(path: a)])
    }

    @Test func searchesDirectoriesRecursivelyInByteOrderOfRelativePaths() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        for name in ["b.log", "a/z.log", "a.log", "A.log", "a/b/c.log", "a-x.log", ".hidden.log", ".git/config", "a/.swp"] {
            try directory.write(name, text: "x\n")
        }
        let root = directory.path
        let sources = try InputExpander().expand([root])
        // '-' (0x2D) < '.' (0x2E) < '/' (0x2F) < 'A' < 'b'
        #expect(paths(sources) == ["A.log", "a-x.log", "a.log", "a/b/c.log", "a/z.log", "b.log"].map { root + "/" + $0 })

        let withHidden = try InputExpander(includesHiddenFiles: true).expand([root + "/"])
        #expect(withHidden.count == 9)
        #expect(paths(withHidden).first == root + "/.git/config")
    }

    @Test func skipsSymbolicLinksToFoldersButFollowsLinksToFiles() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let target = try directory.write("real/target.log", text: "x\n")
        try directory.write("logs/own.log", text: "x\n")
        #expect(symlink(directory.path + "/real", directory.path + "/logs/loop") == 0)
        #expect(symlink(target, directory.path + "/logs/link.log") == 0)
        let sources = try InputExpander().expand([directory.path + "/logs"])
        #expect(paths(sources) == [directory.path + "/logs/link.log", directory.path + "/logs/own.log"])
    }

    @Test func namesSymbolicLinksThatLeadNowhere() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        try directory.write("logs/own.log", text: "x\n")
        #expect(symlink(directory.path + "/gone.log", directory.path + "/logs/old.log") == 0)
        #expect(symlink(directory.path + "/logs/cycle", directory.path + "/logs/cycle") == 0)
        #expect(symlink(directory.path + "/logs", directory.path + "/logs/folder") == 0)
        let expanded = try InputExpander().expandNamingDanglingLinks([directory.path + "/logs"])
        #expect(paths(expanded.inputs) == [directory.path + "/logs/own.log"])
        // A link to a folder is skipped by design, not named.
        #expect(expanded.danglingLinks == [directory.path + "/logs/cycle", directory.path + "/logs/old.log"])
        // The same through a quoted glob.
        let globbed = try InputExpander().expandNamingDanglingLinks([directory.path + "/logs/*.log"])
        #expect(paths(globbed.inputs) == [directory.path + "/logs/own.log"])
        #expect(globbed.danglingLinks == [directory.path + "/logs/old.log"])
    }

    @Test func expandsQuotedGlobsInByteOrder() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        for name in ["access.log", "access.log.1", "access.log.2.gz", "access.log-20261120.gz", "error.log", ".access.log.swp"] {
            try directory.write(name, text: "x\n")
        }
        let root = directory.path
        #expect(paths(try InputExpander().expand([root + "/access.log*"]))
            == ["access.log", "access.log-20261120.gz", "access.log.1", "access.log.2.gz"].map { root + "/" + $0 })
        #expect(paths(try InputExpander().expand([root + "/*.gz"]))
            == ["access.log-20261120.gz", "access.log.2.gz"].map { root + "/" + $0 })
    }

    @Test func aDotStarGlobMatchesHiddenFilesNotTheFolderAndItsParent() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        try directory.write("logs/.access.log", text: "x\n")
        try directory.write("logs/access.log", text: "x\n")
        try directory.write("elsewhere.log", text: "x\n")
        let root = directory.path
        #expect(paths(try InputExpander().expand([root + "/logs/.*"])) == [root + "/logs/.access.log"])
    }

    @Test func anEmptyFolderErrorNamesSymbolicLinksToFoldersAsSkipped() {
        #expect(InputError.emptyDirectory(path: "logs").description.contains("symbolic links to folders"))
    }

    @Test func readsAFileWhoseNameLooksLikeAGlobLiterally() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let odd = try directory.write("a[1].log", text: "x\n")
        try directory.write("a1.log", text: "x\n")
        #expect(try InputExpander().expand([odd]) == [.file(path: odd)])
    }

    @Test func removesDuplicatesKeepingTheFirst() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        let a = try directory.write("logs/a.log", text: "x\n")
        let b = try directory.write("logs/b.log", text: "x\n")
        let sameA = directory.path + "/logs/../logs/./a.log"
        let sources = try InputExpander().expand([b, "-", sameA, directory.path + "/logs", "-", directory.path + "/logs/*.log"])
        #expect(sources == [.file(path: b), .standardInput, .file(path: sameA)])
        #expect(!paths(sources).contains(a))
    }

    @Test func reportsMissingPathsEmptyGlobsAndEmptyDirectories() throws {
        let directory = try InputTestDirectory()
        defer { directory.remove() }
        try directory.write("empty/.only-hidden", text: "x\n")
        let root = directory.path
        #expect(throws: InputError.missingFile(path: root + "/nope.log")) {
            try InputExpander().expand([root + "/nope.log"])
        }
        #expect(throws: InputError.emptyGlob(pattern: root + "/*.gz")) {
            try InputExpander().expand([root + "/*.gz"])
        }
        #expect(throws: InputError.missingFile(path: root + "/nope/a.log")) {
            try InputExpander().expand([root + "/nope/a.log"])
        }
        #expect(throws: InputError.emptyDirectory(path: root + "/empty")) {
            try InputExpander().expand([root + "/empty"])
        }
    }

    @Test func errorsTellTheUserWhatToDo() {
        #expect(InputError.missingFile(path: "x.log").description.contains("check the path"))
        #expect(InputError.emptyGlob(pattern: "*.gz").description.contains("matches no file"))
        #expect(InputError.unreadable(path: "x", reason: "Permission denied").description
            .contains("(Permission denied)"))
    }
}
