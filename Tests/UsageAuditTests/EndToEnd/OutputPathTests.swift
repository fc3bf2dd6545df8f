import Foundation
import Testing

/// The files a command writes besides its reports (`-o`, `--fix-sql`, `--out`, the state
/// store): names it must take as given, and inputs it must never replace.
@Suite("Output paths")
struct OutputPathTests {
    @Test("one-letter file names in the working folder (Foundation's folder arithmetic trapped: exit 132)")
    func oneLetterNames() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write(fixture.text("config.toml") ?? "", to: "c")
        let count = try fixture.run(["count", "--config", "c", "-o", "x", "a.log"])
        #expect(count.exitCode == 0 && !count.terminatedBySignal, "\(count.summary)")
        #expect(fixture.text("x")?.hasPrefix("user,scope,period") == true)
        let run = try fixture.run(["run", "--config", "c", "--state", "s", "--out", "o", "a.log"])
        #expect(run.exitCode == 0 && !run.terminatedBySignal, "\(run.summary)")
        #expect(FileManager.default.fileExists(atPath: fixture.folder.file("s").path))
    }

    @Test("-o or --fix-sql naming an input of the run is refused (exit 2) and the input is left as it was", arguments: [
        (["count", "--config", "config.toml", "-o", "config.toml", "a.log"], "config.toml", "-o config.toml is the configuration"),
        (["count", "--config", "config.toml", "-o", "./a.log", "a.log"], "a.log", "-o ./a.log is the log a.log"),
        (["reconcile", "--config", "config.toml", "--profiles", "p.csv", "--fix-sql", "a.log", "a.log"], "a.log", "--fix-sql a.log is the log"),
        (["run", "--config", "config.toml", "--no-state", "--out", "out", "--profiles", "p.csv", "--fix-sql", "p.csv", "a.log"], "p.csv",
         "--fix-sql p.csv is the profiles p.csv"),
        (["run", "--config", "config.toml", "--state", "st.sqlite", "--out", "out", "--profiles", "p.csv", "--fix-sql", "st.sqlite", "a.log"],
         "st.sqlite", "--fix-sql st.sqlite is the state store st.sqlite"),
        // A store the run would create: the same path, though no file is there yet.
        (["run", "--config", "config.toml", "--state", "fresh.sqlite", "--out", "out", "--profiles", "p.csv", "--fix-sql", "./fresh.sqlite", "a.log"],
         "fresh.sqlite", "--fix-sql ./fresh.sqlite is the state store fresh.sqlite"),
    ])
    func inputsAreNeverReplaced(arguments: [String], input: String, message: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write("user,scope,period,used\nalice,all,day,0\n", to: "p.csv")
        try fixture.folder.write("not yet a database", to: "st.sqlite")
        let before = fixture.text(input)
        let run = try fixture.run(arguments)
        #expect(run.exitCode == 2, "\(run.summary)")
        #expect(run.stderr.contains(message) && run.stderr.contains("choose another file"), "\(run.stderr)")
        #expect(fixture.text(input) == before)
    }

    @Test("empty output names and --fix-sql - are usage errors", arguments: [
        ["run", "--config", "config.toml", "--no-state", "--out", "", "a.log"],
        ["count", "--config", "config.toml", "-o", "", "a.log"],
        ["reconcile", "--config", "config.toml", "--profiles", "p.csv", "--fix-sql", "-", "a.log"],
    ])
    func emptyNames(arguments: [String]) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write("user,scope,period,used\nalice,all,day,0\n", to: "p.csv")
        let run = try fixture.run(arguments)
        #expect(run.exitCode == 2, "\(run.summary)")
        #expect(run.stderr.contains("needs a f"), "\(run.stderr)")
    }

    @Test("--fail-on with one unknown word in a list names that word")
    func unknownFailOnWord() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["reconcile", "--config", "config.toml", "--fail-on", "stale_reset,bogus", "a.log"])
        #expect(run.exitCode == 2, "\(run.summary)")
        #expect(run.stderr.contains("'bogus' is no level or kind"), "\(run.stderr)")
        let mixed = try fixture.run(["reconcile", "--config", "config.toml", "--fail-on", "error,drift", "a.log"])
        #expect(mixed.exitCode == 2, "\(mixed.summary)")
        #expect(mixed.stderr.contains("'error' is a level, which stands alone: use --fail-on error, or a list of kinds only"), "\(mixed.stderr)")
    }

    @Test("profiles read from a pipe (/dev/stdin, <(…)) like a file; a keys file that is a folder says so")
    func pipesAndFolders() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let piped = try fixture.run(
            ["reconcile", "--config", "config.toml", "--profiles", "/dev/stdin", "a.log"],
            input: Data("user,scope,period,used,snapshot_at\nalice,all,day,0,2026-11-21T12:00:00+01:00\n".utf8))
        #expect(piped.exitCode == 0, "\(piped.summary)")
        #expect(piped.stdoutText.contains("alice,all,day,used,0,1,-1,drift"), "\(piped.stdoutText)")
        try FileManager.default.createDirectory(atPath: fixture.folder.file("keys").path, withIntermediateDirectories: true)
        try fixture.folder.write((fixture.text("config.toml") ?? "").replacingOccurrences(
            of: "[count]", with: "[identity]\nkeys = \"keys\"\n\n[count]"), to: "k.toml")
        let folder = try fixture.run(["count", "--config", "k.toml", "a.log"])
        #expect(folder.exitCode == 2 && folder.stderr.contains("it is a folder"), "\(folder.summary)")
    }
}
