import Foundation
import Testing

/// `usage-audit explain USER` reads what `run` stored, counts nothing and writes nothing.
@Suite("explain")
struct ExplainCommandTests {
    @Test("after a run, explain shows the user's history, findings and advice; jsonl is one object per line")
    func explainsAUser() throws {
        let folder = try EndToEndFolder(prefix: "explain")
        defer { folder.remove() }
        let state = try Self.runSamples(in: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: state))
        let text = try AuditBinary.run([
            "explain", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--state", state, "j.weber",
        ])
        #expect(text.exitCode == 0, "\(text.summary)")
        let output = String(decoding: text.stdout, as: UTF8.self)
        #expect(output.hasPrefix("j.weber — as of 2026-11-21T"))
        #expect(output.contains("stale_reset"))
        #expect(output.contains("Recommendations:"))
        // The sections say how far back they reach, and how to reach further.
        #expect(output.contains("Anomalies (in buckets of the last 28 days; --days reaches further back):"), "\(output)")
        #expect(output.contains("Reconciliation (in buckets of the last 28 days; --days reaches further back):"), "\(output)")
        #expect(!text.stderr.contains("without --profiles"), "\(text.stderr)")
        let lines = try AuditBinary.run([
            "explain", "--config", "samples/config.toml", "--state", state, "--format", "jsonl", "j.weber",
        ])
        // Without the stored profiles the answer differs from the nightly run's: it says so.
        #expect(lines.stderr.contains("without --profiles the limits are the quota defaults"), "\(lines.stderr)")
        for line in String(decoding: lines.stdout, as: UTF8.self).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["user"] as? String == "j.weber")
            #expect(["anomaly", "reconciliation", "recommendation"].contains(object?["category"] as? String ?? ""))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == before, "explain must not write to the store")
        let unknown = try AuditBinary.run(["explain", "--config", "samples/config.toml", "--state", state, "nobody"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.stderr.contains("usage.csv puts a ' before a name that starts with"), "\(unknown.stderr)")
        // A name copied from usage.csv, with the ' that guards it against spreadsheets.
        let guarded = try AuditBinary.run(["explain", "--config", "samples/config.toml", "--state", state, "-q", "'+4915112345678"])
        #expect(guarded.exitCode == 0, "\(guarded.summary)")
        #expect(guarded.stdoutText.hasPrefix("+4915112345678 — as of "), "\(guarded.stdoutText)")
        let missing = try AuditBinary.run(["explain", "--config", "samples/config.toml", "--state", folder.url.appendingPathComponent("none.sqlite").path, "x"])
        #expect(missing.exitCode == 3)
    }

    @Test("explain takes run's --tolerance: a drift within it is no finding, as in run's reports")
    func tolerance() throws {
        let folder = try EndToEndFolder(prefix: "explain-tolerance")
        defer { folder.remove() }
        let state = try Self.runSamples(in: folder)
        // geo-batch's stored daily counter is 37 below the logs (reports/reconciliation.csv).
        let explain = ["explain", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--state", state]
        let strict = try AuditBinary.run(explain + ["geo-batch"])
        #expect(strict.exitCode == 0, "\(strict.summary)")
        #expect(strict.stdoutText.contains("37 increments lost"), "\(strict.stdoutText)")
        let tolerant = try AuditBinary.run(explain + ["--tolerance", "40", "geo-batch"])
        #expect(tolerant.exitCode == 0, "\(tolerant.summary)")
        #expect(tolerant.stdoutText.hasPrefix("geo-batch — as of "), "\(tolerant.stdoutText)")
        #expect(!tolerant.stdoutText.contains("increments lost"), "\(tolerant.stdoutText)")
        let negative = try AuditBinary.run(explain + ["--tolerance", "-1", "geo-batch"])
        #expect(negative.exitCode == 2 && negative.stderr.contains("--tolerance must be 0 or more units"), "\(negative.summary)")
    }

    /// Runs the samples with their profiles into a state store in `folder`; its path.
    private static func runSamples(in folder: EndToEndFolder) throws -> String {
        let state = folder.url.appendingPathComponent("state.sqlite").path
        let run = try AuditBinary.run([
            "run", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--state", state,
            "--out", folder.url.appendingPathComponent("out").path, "samples/logs",
        ])
        #expect(run.exitCode == 0, "\(run.summary)")
        return state
    }

    @Test("with an earlier --as-of, a limit line counts its bucket up to the audit day, not the days after it")
    func earlierAuditMoment() throws {
        let folder = try EndToEndFolder(prefix: "explain-as-of")
        defer { folder.remove() }
        let state = folder.url.appendingPathComponent("state.sqlite").path
        let out = folder.url.appendingPathComponent("out")
        let run = try AuditBinary.run([
            "run", "-q", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--state", state,
            "--out", out.path, "samples/logs",
        ])
        #expect(run.exitCode == 0, "\(run.summary)")
        // j.weber's geocoding month@15 cycle runs from 2026-10-15; as of 2026-11-10 it has
        // used the days 10-15 … 11-10 of it, which usage.csv lists one by one.
        let usage = try ReportedUsage(csv: String(decoding: try Data(contentsOf: out.appendingPathComponent("usage.csv")), as: UTF8.self))
        let used = usage.rows.filter { key, _ in
            key.user == "j.weber" && key.scope == "geocoding" && key.period == "day"
                && key.periodStart >= "2026-10-15" && key.periodStart < "2026-11-11"
        }.reduce(0) { $0 + (Int($1.value.units) ?? 0) }
        let whole = usage.rows.first { key, _ in
            key.user == "j.weber" && key.scope == "geocoding" && key.period == "month@15" && key.periodStart.hasPrefix("2026-10-15")
        }.flatMap { Int($0.value.units) }
        #expect(used > 0 && whole != nil && used < whole ?? 0, "the cycle goes on after 11-10: \(used) of \(whole ?? -1)")
        let text = try AuditBinary.run([
            "explain", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--state", state,
            "--as-of", "2026-11-10T12:00:00+01:00", "j.weber",
        ])
        #expect(text.exitCode == 0, "\(text.summary)")
        let output = String(decoding: text.stdout, as: UTF8.self)
        let formatted = used.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        #expect(output.contains("month@15 limit: \(formatted) of 60,000"), "\(output)")
        #expect(!text.stderr.contains("check the date"), "\(text.stderr)")
        // A moment weeks after the store's last day is doubted, as run doubts it.
        let late = try AuditBinary.run([
            "explain", "--config", "samples/config.toml", "--state", state, "--as-of", "2027-01-25T12:00:00+01:00", "j.weber",
        ])
        #expect(late.stderr.contains("days after the last day the state store holds use of") && late.stderr.contains("check the date"),
                "\(late.stderr)")
    }
}
