import Foundation
import Testing

/// `--profiles` end to end: the findings on the samples' stores equal the sample generator's
/// own list of planted faults, and the flags around them behave as documented.
@Suite("Reconciliation of the sample stores")
struct ReconciliationEndToEndTests {
    /// Runs `arguments` (with `<out>` replaced by a fresh folder) from the repository root and
    /// returns the run and the text of `reconciliation.csv`.
    private func runSamples(_ arguments: [String]) throws -> (CommandRun, String, EndToEndFolder) {
        let folder = try EndToEndFolder(prefix: "reconcile")
        let out = folder.file("out")
        let run = try AuditBinary.run(arguments.map { $0 == "<out>" ? out.path : $0 }, in: try RepositoryLayout.requireRoot())
        let csv = (try? String(contentsOf: out.appendingPathComponent("reconciliation.csv"), encoding: .utf8)) ?? ""
        return (run, csv, folder)
    }

    /// (user, scope, period, kind, period_start) of every finding row.
    private func findingKeys(_ csv: String) throws -> [String] {
        try CSVText(csv).records.map { row in
            [CSVText.unneutralised(row["user"]!), row["scope"]!, row["period"]!, row["kind"]!, row["period_start"]!].joined(separator: "|")
        }.sorted()
    }

    @Test("each store yields exactly the findings the generator planted", arguments: [
        ("samples/profiles.csv", "findings.csv"),
        ("samples/profiles-whg.csv", "findings-whg.csv"),
        (nil, "findings-logs.csv"),
    ] as [(String?, String)])
    func plantedFindings(store: String?, expectedFile: String) throws {
        let arguments = ["run", "-q", "--config", "samples/config.toml"] + (store.map { ["--profiles", $0] } ?? []) + ["--out", "<out>", "samples/logs"]
        let (run, csv, folder) = try runSamples(arguments)
        defer { folder.remove() }
        #expect(run.exitCode == 0, "\(run.summary)")
        let expected = try String(contentsOf: RepositoryLayout.sampleExpectations().appendingPathComponent(expectedFile), encoding: .utf8)
        let reported = try findingKeys(csv)
        let planted = try findingKeys(expected)
        #expect(!planted.isEmpty)
        #expect(reported == planted, "reconciliation.csv differs from samples/expected/\(expectedFile)")
    }

    @Test("--fail-on error exits 1 after writing every report; --fail-on orphan_profile too; without it 0")
    func failOn() throws {
        let base = ["run", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--out", "<out>"]
        let (failing, csv, folder) = try runSamples(base + ["--fail-on", "error", "samples/logs"])
        defer { folder.remove() }
        #expect(failing.exitCode == 1, "\(failing.summary)")
        #expect(failing.stderr.contains("--fail-on"))
        #expect(csv.contains("over_limit_served"))
        let (kind, _, kindFolder) = try runSamples(base + ["--fail-on", "orphan_profile", "samples/logs"])
        defer { kindFolder.remove() }
        #expect(kind.exitCode == 1)
        let (clean, _, cleanFolder) = try runSamples(["run", "-q", "--config", "samples/config.toml", "--profiles",
                                                      "samples/profiles-whg.csv", "--out", "<out>", "--fail-on", "drift", "samples/logs"])
        defer { cleanFolder.remove() }
        #expect(clean.exitCode == 0, "a clean store has no drift: \(clean.summary)")
        let (bad, _, badFolder) = try runSamples(base + ["--fail-on", "everything", "samples/logs"])
        defer { badFolder.remove() }
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--fail-on"))
    }

    @Test("whg profiles audited outside UTC get a warning that the gazetteer counts UTC days; long profiles do not")
    func whgZoneWarning() throws {
        let base = ["reconcile", "--config", "samples/config.toml", "samples/logs", "--profiles"]
        let whg = try AuditBinary.run(base + ["samples/profiles-whg.csv"])
        #expect(whg.exitCode == 0, "\(whg.summary)")
        #expect(whg.stderr.contains("whose daily_count resets at midnight UTC, but timezone = \"Europe/Berlin\""), "\(whg.stderr)")
        let long = try AuditBinary.run(base + ["samples/profiles.csv"])
        #expect(!long.stderr.contains("midnight UTC"), "\(long.stderr)")
    }

    @Test("counters without snapshot_at read after the logs end: --snapshot-at says when, and the day's reset is no drift")
    func snapshotAt() throws {
        // The samples' store without its snapshot_at column, audited with the rotated logs
        // only (they end at midnight): the counters, read at 09:47, hold the new day.
        let folder = try EndToEndFolder(prefix: "snapshot")
        defer { folder.remove() }
        let root = try RepositoryLayout.requireRoot()
        let rows = try CSVText(String(contentsOf: root.appendingPathComponent("samples/profiles.csv"), encoding: .utf8)).records
        let columns = ["user", "scope", "period", "limit", "used", "total", "hard", "block_price", "period_start"]
        let text = ([columns.joined(separator: ",")] + rows.map { row in
            columns.map { column in
                let value = row[column] ?? ""
                return value.contains(",") || value.contains("\"") ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
            }.joined(separator: ",")
        }).joined(separator: "\n") + "\n"
        let profiles = try folder.write(text, to: "nosnap.csv").path
        let base = ["run", "-q", "--no-state", "--config", "samples/config.toml", "--profiles", profiles]
        let logs = ["samples/logs/access.log-20261120.gz", "samples/logs/access.log.1"]
        let asOfEnd = try AuditBinary.run(base + ["--out", folder.file("a").path] + logs, in: root)
        #expect(asOfEnd.exitCode == 0, "\(asOfEnd.summary)")
        let read = try AuditBinary.run(base + ["--snapshot-at", "2026-11-21T09:47:13+01:00", "--out", folder.file("b").path] + logs, in: root)
        #expect(read.exitCode == 0, "\(read.summary)")
        func drifts(_ out: String) throws -> Int {
            try CSVText(String(contentsOf: folder.file(out).appendingPathComponent("reconciliation.csv"), encoding: .utf8)).records
                .filter { $0["kind"] == "drift" }.count
        }
        #expect(try drifts("a") > 20, "taken as read at the logs' end, the new day's counters look like lost increments")
        #expect(try drifts("b") == 0)
        let bad = try AuditBinary.run(base + ["--snapshot-at", "soon", "--out", folder.file("c").path] + logs, in: root)
        #expect(bad.exitCode == 2 && bad.stderr.contains("--snapshot-at 'soon' is not an RFC 3339 time or 'now'"), "\(bad.summary)")
    }

    @Test("a counter on two rows of the profiles is named on stderr with both rows")
    func repeatedCounter() throws {
        let root = try RepositoryLayout.requireRoot()
        let folder = try EndToEndFolder(prefix: "repeated")
        defer { folder.remove() }
        let original = try String(contentsOf: root.appendingPathComponent("samples/profiles.csv"), encoding: .utf8)
        let rows = original.split(separator: "\n", omittingEmptySubsequences: false)
        let weber = try #require(rows.firstIndex { $0.hasPrefix("j.weber,all,day,") })
        let profiles = try folder.write(original + rows[weber] + "\n", to: "profiles.csv")
        let run = try AuditBinary.run(["reconcile", "--config", "samples/config.toml", "--profiles", profiles.path, "samples/logs"], in: root)
        #expect(run.exitCode == 0, "\(run.summary)")
        let repeatRow = rows.count  // the appended row, counted from 1
        #expect(run.stderr.contains("warning: 1 stored counter is on more than one row of the profiles: j.weber/all/day "
            + "(profiles.csv:\(weber + 1), profiles.csv:\(repeatRow))"), "\(run.stderr)")
    }

    @Test("--fix-sql writes one guarded UPDATE per drifted or stale counter, and nothing runs it")
    func fixSQL() throws {
        let folder = try EndToEndFolder(prefix: "fixsql")
        defer { folder.remove() }
        let script = folder.file("fix.sql")
        let run = try AuditBinary.run(["run", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv",
                                       "--out", folder.file("out").path, "--fix-sql", script.path, "samples/logs"],
                                      in: try RepositoryLayout.requireRoot())
        #expect(run.exitCode == 0, "\(run.summary)")
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(text.contains("BEGIN;") && text.contains("COMMIT;"))
        let updates = text.components(separatedBy: "\n").filter { $0.hasPrefix("UPDATE ") }
        #expect(updates.count == 2)
        #expect(text.contains("SET \"used\" = 126") && text.contains("'geo-batch'") && text.contains("\"used\" = 89"))
        #expect(text.contains("SET \"used\" = 1") && text.contains("'j.weber'") && text.contains("\"used\" = 4812"))
    }

    @Test("--fix-sql writes for the profiles' layout: the gazetteer's table for whg, long with a warning for carto")
    func fixSQLFollowsTheLayout() throws {
        let root = try RepositoryLayout.requireRoot()
        let folder = try EndToEndFolder(prefix: "fixsql-layout")
        defer { folder.remove() }
        let whg = try AuditBinary.run(["run", "--config", "samples/config.toml", "--profiles", "samples/profiles-whg.csv",
                                       "--no-state", "--out", folder.file("whg").path, "--fix-sql", folder.file("whg.sql").path,
                                       "samples/logs"], in: root)
        #expect(whg.exitCode == 0, "\(whg.summary)")
        #expect(try String(contentsOf: folder.file("whg.sql"), encoding: .utf8).contains("layout whg, table \"api_userapiprofile\""))
        #expect(!whg.stderr.contains("--fix-sql"), "\(whg.stderr)")
        let carto = folder.file("users.json")
        try Data("""
            [{"username": "j.weber", "period_end_date": "2026-12-14", "geocoding": {"quota": 60000, "monthly_use": 3, "hard_limit": true}}]
            """.utf8).write(to: carto)
        let run = try AuditBinary.run(["run", "--config", "samples/config.toml", "--profiles", carto.path, "--no-state",
                                       "--out", folder.file("carto").path, "--fix-sql", folder.file("carto.sql").path,
                                       "samples/logs"], in: root)
        #expect(run.exitCode == 0, "\(run.summary)")
        #expect(try String(contentsOf: folder.file("carto.sql"), encoding: .utf8).contains("layout long, table \"profiles\""))
        #expect(run.stderr.contains("warning: --fix-sql wrote UPDATE statements for a long-layout table \"profiles\"")
            && run.stderr.contains("read in the carto layout"), "\(run.stderr)")
        let chosen = try AuditBinary.run(["run", "--config", "samples/config.toml", "--profiles", carto.path, "--no-state",
                                          "--out", folder.file("carto").path, "--fix-sql", folder.file("carto.sql").path,
                                          "--fix-sql-table", "long:counters", "samples/logs"], in: root)
        #expect(chosen.exitCode == 0 && !chosen.stderr.contains("--fix-sql"), "\(chosen.summary)")
        #expect(try String(contentsOf: folder.file("carto.sql"), encoding: .utf8).contains("table \"counters\""))
    }

    @Test("reconcile --format jsonl prints one finding object per line and nothing else")
    func reconcileJSONLines() throws {
        let run = try AuditBinary.run(["reconcile", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv",
                                       "--format", "jsonl", "samples/logs"], in: try RepositoryLayout.requireRoot())
        #expect(run.exitCode == 0, "\(run.summary)")
        let lines = run.stdoutText.split(separator: "\n")
        // As many as the generator planted and recorded (header line excluded).
        let expected = try String(contentsOf: RepositoryLayout.requireRoot().appendingPathComponent("samples/expected/findings.csv"), encoding: .utf8)
        #expect(lines.count == expected.split(separator: "\n").count - 1)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] is String && object?["detail"] is String, "\(line)")
        }
    }

    @Test("a store that cannot be read is exit 3, a malformed one exit 2, and the reports are not written")
    func badStores() throws {
        let folder = try EndToEndFolder(prefix: "badstore")
        defer { folder.remove() }
        let missing = try AuditBinary.run(["run", "--config", "samples/config.toml", "--profiles", folder.file("nope.csv").path,
                                           "--out", folder.file("out").path, "samples/logs"], in: try RepositoryLayout.requireRoot())
        #expect(missing.exitCode == 3, "\(missing.summary)")
        let odd = folder.file("odd.csv")
        try Data("name,colour\nann,blue\n".utf8).write(to: odd)
        let unknown = try AuditBinary.run(["run", "--config", "samples/config.toml", "--profiles", odd.path,
                                           "--out", folder.file("out").path, "samples/logs"], in: try RepositoryLayout.requireRoot())
        #expect(unknown.exitCode == 2, "\(unknown.summary)")
        #expect(unknown.stderr.contains("layout"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("out").path))
    }

    @Test("--fix-sql without --profiles is a usage error; a wrong log format is named on stderr")
    func misuse() throws {
        let root = try RepositoryLayout.requireRoot()
        let folder = try EndToEndFolder(prefix: "misuse")
        defer { folder.remove() }
        let fix = try AuditBinary.run(["run", "--config", "samples/config.toml", "--out", folder.file("out").path,
                                       "--fix-sql", folder.file("f.sql").path, "samples/logs"], in: root)
        #expect(fix.exitCode == 2 && fix.stderr.contains("--fix-sql needs --profiles"), "\(fix.summary)")
        let config = folder.file("json.toml")
        try Data("[log]\nformat = \"json\"\n".utf8).write(to: config)
        let wrong = try AuditBinary.run(["count", "--config", config.path, "samples/logs/access.log"], in: root)
        #expect(wrong.exitCode == 0)
        #expect(wrong.stderr.contains("lines did not match the log format") && wrong.stderr.contains("[log] format"), "\(wrong.stderr)")
    }
}
