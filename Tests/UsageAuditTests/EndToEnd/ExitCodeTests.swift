import Foundation
import Testing

/// Exit codes and messages of DESIGN §7: 0 ran, 2 usage or configuration error, 3 an input
/// cannot be read (and nothing is written), 4 damaged input (everything readable counted).
@Suite("Exit codes")
struct ExitCodeTests {
    @Test("an unknown configuration key is exit 2, naming the key and its line; nothing is written")
    func unknownConfigurationKey() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let lines = CommandLineFixture.configuration.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let pathsLine = try #require(lines.firstIndex(of: #"paths = ["/api/"]"#))
        var typo = lines
        typo[pathsLine] = #"pathz = ["/api/"]"#
        try fixture.folder.write(typo.joined(separator: "\n"), to: "typo.toml")
        let run = try fixture.run(["run", "--config", "typo.toml", "--out", "out", "a.log"])
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains("pathz"), "the message names the key: \(run.stderr)")
        let lineNumber = pathsLine + 1
        #expect(run.stderr.contains("line \(lineNumber)") || run.stderr.contains("typo.toml:\(lineNumber)"),
                "the message names line \(lineNumber): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.file("out/usage.csv").path))
    }

    @Test("--fail-on warning and anomaly kinds exit 1 on an anomaly in run; reconcile refuses anomaly kinds", arguments: [
        ("warning", Int32(1)), ("near_limit", 1), ("spike,near_limit", 1), ("spike", 0), ("error", 0),
    ])
    func failOnAnomalies(level: String, expected: Int32) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        // Nine requests of alice under a daily limit of 10: near_limit, and no reconciliation finding.
        let lines = (0..<9).map { second in
            #"192.0.2.2 - alice [21/Nov/2026:10:00:0\#(second) +0100] "GET /api/search HTTP/1.1" 200 12 "-" "curl/8.5.0""#
        }
        try fixture.folder.write(lines.map { $0 + "\n" }.joined(), to: "near.log")
        try fixture.folder.write(CommandLineFixture.configuration.replacingOccurrences(of: "default = 100", with: "default = 10"), to: "near.toml")
        let run = try fixture.run(["run", "--config", "near.toml", "--out", "out", "--fail-on", level, "near.log"])
        #expect(run.exitCode == expected, "\(run.summary)")
        #expect(fixture.text("out/anomalies.csv")?.contains("alice,all,day,2026-11-21T00:00:00+01:00,near_limit,9") == true)
        if expected == 1 { #expect(run.stderr.contains("1 anomaly at or above --fail-on \(level)"), "\(run.stderr)") }
        let reconcile = try fixture.run(["reconcile", "--config", "near.toml", "--fail-on", level, "near.log"])
        let refused = level.contains("spike") || level.contains("near_limit")
        #expect(reconcile.exitCode == (refused ? 2 : 0), "\(reconcile.summary)")
        if refused { #expect(reconcile.stderr.contains("reconcile reports no anomalies"), "\(reconcile.stderr)") }
    }

    @Test("an --as-of more than a day before the logs end, or after them, is a warning; one inside them is not", arguments: [
        ("2026-11-19T10:00:00+01:00", "is 2 days before the last request"),
        ("2026-11-25T10:00:00+01:00", "is 3 days after the last request"),
        ("2026-11-21T09:00:00+01:00", nil),
    ] as [(String, String?)])
    func distantAsOf(value: String, warning: String?) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["count", "--config", "config.toml", "--as-of", value, "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        if let warning {
            #expect(run.stderr.contains("warning: --as-of \(value) \(warning)"), "\(run.stderr)")
        } else {
            #expect(!run.stderr.contains("--as-of"), "\(run.stderr)")
        }
    }

    @Test("a bad --as-of is exit 2, naming the flag", arguments: ["yesterday", "2026-13-01T00:00:00Z", "2026-11-21T25:00:00Z"])
    func badAsOf(value: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "--as-of", value, "a.log"])
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains("--as-of"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.file("out/usage.csv").path))
    }

    @Test("a negative --tolerance is exit 2 with the flag's own message, not taken for an unknown flag")
    func negativeTolerance() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "--tolerance", "-5", "a.log"])
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains("--tolerance must be 0 or more units"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.file("out/usage.csv").path))
    }

    @Test("help for a subcommand that does not exist is exit 2 and lists the subcommands; help for one that does is exit 0")
    func helpTopics() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let unknown = try fixture.run(["help", "nope"])
        #expect(unknown.exitCode == 2 && !unknown.terminatedBySignal, "\(unknown.summary)")
        #expect(unknown.stderr.contains("no subcommand 'nope'") && unknown.stderr.contains("run, count"), "\(unknown.stderr)")
        #expect(unknown.stdout.isEmpty)
        let known = try fixture.run(["help", "explain"])
        #expect(known.exitCode == 0, "\(known.summary)")
        #expect(known.stdoutText.contains("usage-audit explain"), "\(known.stdoutText)")
    }

    @Test("a mistyped subcommand is exit 2 and named, with the nearest subcommand, before its options are read")
    func unknownSubcommand() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let typo = try fixture.run(["cont", "--config", "config.toml", "a.log"])
        #expect(typo.exitCode == 2 && !typo.terminatedBySignal, "\(typo.summary)")
        #expect(typo.stderr.contains("there is no subcommand 'cont'. Did you mean 'count'?"), "\(typo.stderr)")
        #expect(!typo.stderr.contains("Unknown option"), "\(typo.stderr)")
        #expect(typo.stdout.isEmpty)
        let unlike = try fixture.run(["frobnicate"])
        #expect(unlike.exitCode == 2, "\(unlike.summary)")
        #expect(unlike.stderr.contains("no subcommand 'frobnicate'. Subcommands: run, count"), "\(unlike.stderr)")
    }

    @Test("a mistyped option is named as unknown, with the nearest option, not read as a missing --config", arguments: [
        (["run", "--confg", "config.toml", "a.log"], "Unknown option '--confg'. Did you mean '--config'?"),
        (["count", "--config", "config.toml", "--fromat", "json", "a.log"], "Unknown option '--fromat'. Did you mean '--format'?"),
        (["reconcile", "--config", "config.toml", "--zzzzzz", "a.log"], "Unknown option '--zzzzzz'.\n"),
    ])
    func unknownOption(arguments: [String], message: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(arguments)
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Missing expected argument"), "\(run.stderr)")
    }

    @Test("contradicting flags and a negative --jobs are exit 2 with a message that names them", arguments: [
        (["--state", "s.sqlite", "--no-state"], "--state s.sqlite and --no-state cannot be used together"),
        (["--jobs", "-1"], "--jobs must be at least 1"),
    ])
    func badFlags(flags: [String], message: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out"] + flags + ["a.log"])
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.file("out/usage.csv").path))
    }

    @Test("no log input is exit 2", arguments: ["run", "count"])
    func noInputs(subcommand: String) throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run([subcommand, "--config", "config.toml"])
        #expect(run.exitCode == 2 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.lowercased().contains("log"), "the message says what is missing: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("a missing log file is exit 3, names the file, and nothing is written to --out")
    func missingLogFile() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log", "missing.log"])
        #expect(run.exitCode == 3 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains("missing.log"), "\(run.stderr)")
        let written = (try? fixture.folder.entries(of: "out")) ?? []
        #expect(written.isEmpty, "a failed run wrote \(written)")
    }

    @Test("a truncated gzip is exit 4; the complete lines before the cut are still counted")
    func truncatedGzip() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.writeTruncatedGzip(named: "cut.gz")
        let run = try fixture.run(["count", "--config", "config.toml", "--format", "csv", "cut.gz"])
        #expect(run.exitCode == 4 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stderr.contains("cut.gz"), "\(run.stderr)")
        let rows = try ReportedUsage(csv: run.stdoutText).rows
        let users = Set(rows.keys.map(\.user))
        #expect(users == [CommandLineFixture.formulaUser, "alice"], "lines 1–3 are counted, the cut 4th and the lost 5th are not")
        let alice = rows[ReportedUsage.Key(user: "alice", scope: "all", period: "day", periodStart: "2026-11-20T00:00:00+01:00")]
        #expect(alice?.rejected == "1" && alice?.requests == "0")
        // Quiet, the one line left still names the damaged file.
        let quiet = try fixture.run(["count", "-q", "--config", "config.toml", "--format", "csv", "cut.gz"])
        #expect(quiet.exitCode == 4, "\(quiet.summary)")
        #expect(quiet.stderr.contains("input damaged: cut.gz"), "\(quiet.stderr)")
    }

    @Test("reports that cannot be written are exit 3, and the run leaves the state store as it was")
    func unwritableOut() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        // --out under a regular file: no user (root included) can make that folder.
        try fixture.folder.write("not a folder\n", to: "blocked")
        let failed = try fixture.run(["run", "--config", "config.toml", "--out", "blocked/out", "--state", "state.sqlite", "a.log"])
        #expect(failed.exitCode == 3 && !failed.terminatedBySignal, "\(failed.summary)")
        #expect(failed.stderr.contains("blocked/out"), "\(failed.stderr)")
        // The message says which part of the path is in the way, in plain words.
        #expect(failed.stderr.contains("cannot create the folder: 'blocked' is a file, not a folder"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("NSCocoaErrorDomain"), "\(failed.stderr)")
        // Nothing of the failed run was stored: the next run counts the log as new.
        let next = try fixture.run(["run", "--config", "config.toml", "--out", "out", "--state", "state.sqlite", "a.log"])
        #expect(next.exitCode == 0, "\(next.summary)")
        let summary = try #require(fixture.text("out/summary.json"))
        #expect(summary.contains("\"content\" : \"new\"") || summary.contains("\"content\": \"new\""), "\(summary)")
        #expect(!summary.contains("already_counted"), "\(summary)")
    }

    @Test("a clean run is exit 0 with nothing but data on stdout")
    func cleanRun() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let run = try fixture.run(["run", "--config", "config.toml", "--out", "out", "a.log"])
        #expect(run.exitCode == 0 && !run.terminatedBySignal, "\(run.summary)")
        #expect(run.stdout.isEmpty, "run writes reports, not stdout: \(run.stdoutText)")
    }

    @Test("cost fields that are not whole numbers cost 0 units, and are counted and named: '-' is no cost, not unreadable")
    func unreadableCosts() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write("""
            [log]
            format = '$remote_addr - $remote_user [$time_local] "$request" $status $upstream_http_x_units'
            [[scope]]
            name = "iso"
            paths = ["/iso"]
            cost = "field:upstream_http_x_units"

            """, to: "cost.toml")
        let values = ["5", "-3", "2.5", "-", "3, 4", "99999999999999999999999"]
        let lines = values.enumerated().map { number, value in
            "1.1.1.1 - u1 [20/Nov/2026:10:00:0\(number) +0000] \"GET /iso HTTP/1.1\" 200 \(value)\n"
        }
        // An unattributed request is not counted, so its cost is never read.
        let anonymous = "1.1.1.1 - - [20/Nov/2026:10:00:09 +0000] \"GET /iso HTTP/1.1\" 200 2.5\n"
        try fixture.folder.write(lines.joined() + anonymous, to: "cost.log")
        let run = try fixture.run(["run", "--config", "cost.toml", "--no-state", "--out", "out", "cost.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("warning: 4 requests had a cost (field:upstream_http_x_units) that is not a whole number"), "\(run.stderr)")
        let summary = try JSONFile.object(Data((fixture.text("out/summary.json") ?? "").utf8), name: "summary.json")
        let input = try JSONFile.objects(summary, "inputs").first
        #expect(input?["unreadable_costs"] as? Int == 4 && input?["units"] as? Int == 5, "\(String(describing: input))")
        #expect(input?["unattributed"] as? Int == 1, "\(String(describing: input))")
        let clean = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "clean", "a.log"])
        #expect(!clean.stderr.contains("not a whole number"), "\(clean.stderr)")
        #expect(!run.stderr.contains("had its cost field"), "some requests had it: \(run.stderr)")
    }

    @Test("a profiles column a typo away from one the layout reads is named on stderr; the run goes on as before")
    func misspeltProfilesColumn() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write("user,scope,period,limt,used\nalice,all,day,500,2\n", to: "typo.csv")
        let run = try fixture.run(["reconcile", "--config", "config.toml", "--profiles", "typo.csv", "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("does not read its column 'limt', a near miss of 'limit', which it lacks"), "\(run.stderr)")
        try fixture.folder.write("user,scope,period,limit,used,shard\nalice,all,day,500,2,eu-1\n", to: "shard.csv")
        let shard = try fixture.run(["reconcile", "--config", "config.toml", "--profiles", "shard.csv", "a.log"])
        #expect(shard.exitCode == 0 && !shard.stderr.contains("near miss"), "\(shard.summary)")
    }

    @Test("a cost field that no request has (a misspelt JSON key) is named: its requests counted 0 units")
    func absentCostField() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        try fixture.folder.write("""
            [log]
            format = "json"
            [log.json]
            time = "ts"
            remote_user = "user"
            uri = "uri"
            status = "status"
            [[scope]]
            name = "iso"
            paths = ["/iso"]
            cost = "field:unit"

            """, to: "json.toml")
        let lines = (1...3).map { #"{"ts":"2026-11-20T10:00:0\#($0)Z","user":"carol","uri":"/iso","status":200,"units":7.0}"# }
        try fixture.folder.write(lines.joined(separator: "\n") + "\n", to: "access.jsonl")
        let run = try fixture.run(["count", "--config", "json.toml", "access.jsonl"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("warning: no request of iso (cost = \"field:unit\") had its cost field"), "\(run.stderr)")
        // Named right, the key's 7.0 is 7 units each.
        try fixture.folder.write(try #require(fixture.text("json.toml")).replacingOccurrences(of: "field:unit\"", with: "field:units\""), to: "json.toml")
        let fixed = try fixture.run(["count", "--config", "json.toml", "--format", "csv", "access.jsonl"])
        #expect(!fixed.stderr.contains("had its cost field") && !fixed.stderr.contains("not a whole number"), "\(fixed.stderr)")
        #expect(fixed.stdoutText.contains("carol,iso,day,2026-11-20T00:00:00+00:00,2026-11-21T00:00:00+00:00,3,21,0"), "\(fixed.stdoutText)")
        // A second scope whose field is misspelt is named though the first one's is read.
        try fixture.folder.write(try #require(fixture.text("json.toml")) + "[[scope]]\nname = \"geo\"\npaths = [\"/geo\"]\ncost = \"field:unitz\"\n", to: "json.toml")
        try fixture.folder.write(lines.joined(separator: "\n") + "\n" + lines[0].replacingOccurrences(of: "/iso", with: "/geo") + "\n", to: "access.jsonl")
        let second = try fixture.run(["count", "--config", "json.toml", "access.jsonl"])
        #expect(second.stderr.contains("warning: no request of geo (cost = \"field:unitz\") had its cost field"), "\(second.stderr)")
        #expect(!second.stderr.contains("iso (cost"), "\(second.stderr)")
    }

    @Test("[count] paths that no logged path starts with meter nothing: exit 0, but stderr says so")
    func everythingExcluded() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let wrong = CommandLineFixture.configuration.replacingOccurrences(of: #"paths = ["/api/"]"#, with: #"paths = ["/v2/"]"#)
        try fixture.folder.write(wrong, to: "wrong.toml")
        let run = try fixture.run(["run", "--config", "wrong.toml", "--no-state", "--out", "out", "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("warning: all 5 requests that parsed were excluded by [count] (paths = [\"/v2/\"])"), "\(run.stderr)")
        let clean = try fixture.run(["run", "--config", "config.toml", "--no-state", "--out", "clean", "a.log"])
        #expect(!clean.stderr.contains("were excluded by [count]"), "\(clean.stderr)")
    }

    @Test("a format that logs no user (a typo: $remote_usr) attributes nothing: exit 0, but stderr says so and how to fix it")
    func nothingAttributed() throws {
        let fixture = try CommandLineFixture()
        defer { fixture.remove() }
        let typo = CommandLineFixture.configuration.replacingOccurrences(of: "$remote_user", with: "$remote_usr")
        try fixture.folder.write(typo, to: "typo.toml")
        let run = try fixture.run(["run", "--config", "typo.toml", "--out", "out", "a.log"])
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(run.stderr.contains("warning: 4 of 4 metered requests had no identity"), "\(run.stderr)")
        #expect(run.stderr.contains("[identity] from = [\"user\"]") && run.stderr.contains("anonymous = \"ip\""), "\(run.stderr)")
        // The same log with its users logged: no word about identities.
        let clean = try fixture.run(["run", "--config", "config.toml", "--out", "out2", "a.log"])
        #expect(!clean.stderr.contains("identity"), "\(clean.stderr)")
    }
}
