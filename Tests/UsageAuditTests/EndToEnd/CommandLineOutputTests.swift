import Foundation
import Testing

/// What the command line prints and writes: data-only stdout, `-o`, stdin, help, CSV
/// formula neutralisation, atomic report files.
@Suite("Command line output")
struct CommandLineOutputTests {
    @Test("--help of each subcommand exits 0 and names its options", arguments: [
        ("run", ["--config", "--out", "--as-of"]),
        ("count", ["--config", "--format", "-o", "--as-of", "--profiles"]),
        ("reconcile", ["--config", "--profiles", "--format", "--fail-on"]),
        ("formats", ["--help"]),
    ])
    func helpNamesOptions(subcommand: String, options: [String]) throws {
        let run = try AuditBinary.run([subcommand, "--help"])
        #expect(run.exitCode == 0, "\(run.summary)")
        for option in options {
            #expect(run.stdoutText.contains(option), "`\(subcommand) --help` should mention \(option):\n\(run.stdoutText)")
        }
        let root = try AuditBinary.run(["--help"])
        #expect(root.exitCode == 0 && root.stdoutText.contains(subcommand), "`usage-audit --help` should list \(subcommand)")
    }

    @Test("count --format jsonl prints only JSON lines: the rows of usage.json")
    func jsonLinesAreDataOnly() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let count = try fixture.run(["count", "--config", "config.toml", "--format", "jsonl", "a.log"])
        #expect(count.exitCode == 0, "\(count.summary)")
        let lines = count.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the output ends with a line break")
        var objects: [String] = []
        for line in lines.dropLast() {
            let object = try JSONFile.object(Data(line.utf8), name: "a line of count --format jsonl")
            #expect(Set(ReportedUsage.columns).isSubset(of: object.keys), "\(line)")
            objects.append(try JSONFile.canonical(object))
        }
        #expect(objects.count == 8) // =HYPERLINK: all+search on the 21st; alice: all+other on the 20th, all+search on the 21st; bob: all+search

        let report = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log"])
        #expect(report.exitCode == 0, "\(report.summary)")
        let json = try JSONSerialization.jsonObject(with: Data((fixture.text("out/usage.json") ?? "").utf8)) as? [Any] ?? []
        #expect(try json.map(JSONFile.canonical) == objects, "count --format jsonl and usage.json hold the same rows")
    }

    @Test("count -o - (or /proc/self/fd/1) equals stdout; -o FILE writes the same bytes, in the format of its extension, and prints nothing; csv equals usage.csv")
    func outputOption() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let plain = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "a.log"])
        let dash = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "-o", "-", "a.log"])
        let file = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "-o", "counts.csv", "a.log"])
        #expect(plain.exitCode == 0 && dash.exitCode == 0 && file.exitCode == 0, "\(plain.summary)\n\(dash.summary)\n\(file.summary)")
        #expect(!plain.stdout.isEmpty)
        #expect(dash.stdout == plain.stdout)
        #expect(file.stdout.isEmpty, "with -o FILE nothing goes to stdout")
        #expect(fixture.text("counts.csv") == plain.stdoutText)
        // A name of standard output is standard output (never renamed over).
        let named = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "-o", "/proc/self/fd/1", "a.log"])
        #expect(named.exitCode == 0 && named.stdout == plain.stdout, "\(named.summary)")
        // Without --format the -o file's extension chooses (a terminal never does).
        let json = try fixture.run(["count", "--config", "config.toml", "-o", "counts.json", "a.log"])
        let jsonl = try fixture.run(["count", "--config", "config.toml", "-o", "counts.jsonl", "a.log"])
        let other = try fixture.run(["count", "--config", "config.toml", "-o", "counts.txt", "a.log"])
        #expect(json.exitCode == 0 && jsonl.exitCode == 0 && other.exitCode == 0)
        #expect(try JSONSerialization.jsonObject(with: Data((fixture.text("counts.json") ?? "").utf8)) is [Any])
        #expect(fixture.text("counts.jsonl")?.hasPrefix("{") == true)
        #expect(fixture.text("counts.txt") == plain.stdoutText)

        let report = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log"])
        #expect(report.exitCode == 0, "\(report.summary)")
        #expect(fixture.text("out/usage.csv") == plain.stdoutText, "count --format csv prints usage.csv")
    }

    @Test("- reads the log from stdin, plain or gzip")
    func standardInput() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let fromFile = try fixture.run(["run", "--config", "config.toml", "--out", "from-file", "a.log"])
        let log = Data(CommandLineFixture.logLines.map { $0 + "\n" }.joined().utf8)
        let fromStdin = try fixture.run(["run", "--config", "config.toml", "--out", "from-stdin", "-"], input: log)
        #expect(fromFile.exitCode == 0 && fromStdin.exitCode == 0, "\(fromFile.summary)\n\(fromStdin.summary)")
        #expect(fixture.text("from-stdin/usage.csv") != nil)
        #expect(fixture.text("from-stdin/usage.csv") == fixture.text("from-file/usage.csv"))
        let summary = try JSONFile.object(Data((fixture.text("from-stdin/summary.json") ?? "").utf8), name: "summary.json")
        #expect(try JSONFile.objects(summary, "inputs").first?["path"] as? String == "-")

        let gzip = Data(GzipMemberEncoder.member(Array(log), style: .fixedHuffman).bytes)
        let zipped = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "-"], input: gzip)
        #expect(zipped.exitCode == 0, "\(zipped.summary)")
        #expect(zipped.stdoutText == fixture.text("from-file/usage.csv"), "gzip on stdin is recognised by its bytes")
    }

    @Test("an input without a line is named in a warning, with the audit moment it leaves; the run goes on")
    func emptyInput() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let mixed = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "mixed", "a.log", "-"], input: Data())
        #expect(mixed.exitCode == 0, "\(mixed.summary)")
        #expect(mixed.stderr.contains("warning: 1 input held no log line: standard input — a log rotated"), "\(mixed.stderr)")
        #expect(!mixed.stderr.contains("audit moment is the current time"), "a.log gives the audit moment: \(mixed.stderr)")
        #expect(fixture.text("mixed/usage.csv") != nil)
        let alone = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "alone", "-"], input: Data())
        #expect(alone.exitCode == 0, "\(alone.summary)")
        #expect(alone.stderr.contains("without a request time the audit moment is the current time (give --as-of for another)"), "\(alone.stderr)")
        let given = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "given", "--as-of", "2026-11-21T12:00:00Z", "-"], input: Data())
        #expect(given.stderr.contains("held no log line") && !given.stderr.contains("current time"), "\(given.stderr)")
        let full = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "full", "a.log"])
        #expect(!full.stderr.contains("held no log line"), "\(full.stderr)")
    }

    @Test("a keys file that maps no key is named in a warning (every key would be masked); one mapping silences it")
    func keysFileWithoutMappings() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let identity = "\n[identity]\nfrom = [\"query:api_key\"]\nkeys = \"keys.csv\"\n"
        try fixture.folder.write(CommandLineFixture.configuration.replacingOccurrences(of: "\n[count]", with: identity + "\n[count]"), to: "keyed.toml")
        try fixture.folder.write("key,user\n# none yet\n\n", to: "keys.csv")
        let empty = try fixture.run(["run", "--config", "keyed.toml", "--no-state", "--out", "o1", "a.log"])
        #expect(empty.exitCode == 0, "\(empty.summary)")
        #expect(empty.stderr.contains("keys.csv maps no key to a user") && empty.stderr.contains("add 'key,user' lines"), "\(empty.stderr)")
        try fixture.folder.write("key,user\nk1,alice\n", to: "keys.csv")
        let mapped = try fixture.run(["run", "--config", "keyed.toml", "--no-state", "--out", "o2", "a.log"])
        #expect(mapped.exitCode == 0 && !mapped.stderr.contains("maps no key"), "\(mapped.stderr)")
    }

    @Test("a line too long for a log line is not blamed on [log] format; counts are grouped")
    func tooLongLineIsNoFormatProblem() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let long = #"192.0.2.9 - eve [21/Nov/2026:10:00:00 +0100] "GET /api/search?q="# + String(repeating: "x", count: 70_000) + #" HTTP/1.1" 200 1 "-" "c""#
        try fixture.folder.write(long + "\n", to: "long.log")
        let run = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "o", "long.log", "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("1 of 6 lines did not match the log format; first: long.log:1: line longer than 65536 bytes"), "\(run.stderr)")
        #expect(run.stderr.contains("not a sign of a wrong [log] format") && !run.stderr.contains("check [log] format"), "\(run.stderr)")
    }

    @Test("on a terminal, errors are coloured unless NO_COLOR is set or TERM=dumb", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourOnATerminal() throws {
        let binary = try AuditBinary.location().path
        func stderrOnATerminal(_ environment: [String: String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            // script(1) gives the command a terminal; its output is what the terminal showed.
            process.arguments = ["-qec", "\(binary) run --config /nonexistent/config.toml --no-state x.log", "/dev/null"]
            var variables = ProcessInfo.processInfo.environment
            variables["NO_COLOR"] = nil
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try stderrOnATerminal(["TERM": "xterm"]).contains("\u{1B}["), "coloured on a colour terminal")
        #expect(try !stderrOnATerminal(["TERM": "dumb"]).contains("\u{1B}["))
        #expect(try !stderrOnATerminal(["TERM": "xterm", "NO_COLOR": "1"]).contains("\u{1B}["))
    }

    @Test("--as-of long after the logs is doubted, unless the state store holds requests up to it (a late log file)")
    func distantAuditMoment() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write(
            #"192.0.2.9 - alice [02/Dec/2026:10:00:00 +0100] "GET /api/search HTTP/1.1" 200 1 "-" "c""# + "\n", to: "late.log")
        let first = try fixture.run(["run", "--config", "config.toml", "--state", "s.sqlite", "--out", "o1", "late.log"])
        #expect(first.exitCode == 0, "\(first.summary)")
        let arguments = ["--config", "config.toml", "--out", "o2", "--as-of", "2026-12-02T12:00:00+01:00", "a.log"]
        let withStore = try fixture.run(["run", "--state", "s.sqlite"] + arguments)
        #expect(withStore.exitCode == 0 && !withStore.stderr.contains("check the date"), "\(withStore.stderr)")
        let alone = try fixture.run(["run", "--no-state"] + arguments)
        #expect(alone.stderr.contains("after the last request in the logs") && alone.stderr.contains("check the date"), "\(alone.stderr)")
    }

    @Test("a user named =HYPERLINK(\"x\") is neutralised and quoted in usage.csv, unchanged in usage.json")
    func formulaInjection() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        let csv = fixture.text("out/usage.csv") ?? ""
        #expect(csv.contains("\n\"'=HYPERLINK(\"\"x\"\")\",all,day,2026-11-21T00:00:00+01:00,"), "usage.csv:\n\(csv)")
        let table = try CSVText(csv)
        #expect(table.rows.contains { $0[0] == "'" + CommandLineFixture.formulaUser })
        #expect(!table.rows.contains { $0[0].hasPrefix("=") })
        let json = try JSONSerialization.jsonObject(with: Data((fixture.text("out/usage.json") ?? "").utf8)) as? [[String: Any]] ?? []
        #expect(json.contains { $0["user"] as? String == CommandLineFixture.formulaUser })
        #expect(!json.contains { ($0["user"] as? String)?.hasPrefix("'") == true })
    }

    @Test("data for a pipe whose reader left ends quietly: stdout, and -o into a pipe (here stderr's)", arguments: [
        ["count", "--config", "config.toml", "a.log"],
        ["count", "--config", "config.toml", "-o", "/dev/stderr", "a.log"],
    ])
    func closedOutputPipe(arguments: [String]) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let intoStandardError = arguments.contains("/dev/stderr")
        let run = try fixture.run(
            arguments, standardOutput: intoStandardError ? nil : pipe.fileHandleForWriting,
            standardError: intoStandardError ? pipe.fileHandleForWriting : nil)
        #expect(!run.terminatedBySignal && run.exitCode == 0, "\(run.summary)")
    }

    @Test("stderr that cannot be written (/dev/full, a pipe nobody reads) loses the messages, not the run",
          arguments: ["full", "closed pipe"])
    func unwritableStandardError(kind: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let pipe = Pipe()
        let target: FileHandle
        if kind == "full" {
            target = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        } else {
            try pipe.fileHandleForReading.close()
            target = pipe.fileHandleForWriting
        }
        // -v writes to stderr before the reports, the summary line after them.
        let run = try fixture.run(["run", "-v", "--config", "config.toml", "--out", "out", "a.log"], standardError: target)
        #expect(!run.terminatedBySignal && run.exitCode == 0, "\(run.summary)")
        #expect(fixture.text("out/usage.csv")?.contains("alice") == true)
        #expect(fixture.text("out/summary.json") != nil)
    }

    @Test("reports are written atomically: no temporary files are left in --out, also when overwriting")
    func noLeftoverTemporaryFiles() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        for attempt in 1...2 {
            let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log"])
            #expect(run.exitCode == 0, "\(run.summary)")
            let entries = try fixture.folder.entries(of: "out")
            #expect(entries.contains("usage.csv") && entries.contains("usage.json") && entries.contains("summary.json"))
            let leftovers = entries.filter { $0.hasPrefix(".") || $0.lowercased().contains("tmp") || $0.hasSuffix("~") }
            #expect(leftovers.isEmpty, "run \(attempt) left \(leftovers) in --out")
        }
    }
}
