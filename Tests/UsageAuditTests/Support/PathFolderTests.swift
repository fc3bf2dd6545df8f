import Testing
import UsageAudit

@Suite("PathFolder")
struct PathFolderTests {
    @Test("the folder part, as dirname gives it (a one-letter bare name made Foundation trap)", arguments: [
        ("c", "."), ("ab", "."), ("", "."), ("/c", "/"), ("/", "/"), ("//c", "/"), ("d/c", "d"), ("./c", "."),
        ("c/", "."), ("d/c/", "d"), ("a//b", "a"), ("/x/y/z.toml", "/x/y"), ("../c", ".."), ("ü/ß", "ü"),
    ])
    func folder(path: String, folder: String) {
        #expect(PathFolder.of(path) == folder)
    }
}
