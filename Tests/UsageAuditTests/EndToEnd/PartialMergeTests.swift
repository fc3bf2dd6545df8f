import Foundation
import Testing

/// `partial` and `merge` on the samples (DESIGN §9): the logs split into shards, each counted
/// into a partial, merged, and given to `run` write the golden reports of the whole.
@Suite("partial and merge on the samples")
struct PartialMergeTests {
    /// The sample logs, split in three shards by position in name order (every third log).
    private static func shards() throws -> [[String]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: RepositoryLayout.requireRoot().appendingPathComponent("samples/logs").path).sorted()
        return (0..<3).map { shard in names.indices.filter { $0 % 3 == shard }.map { "samples/logs/\(names[$0])" } }
    }

    /// Runs `usage-audit partial` on each shard and returns the partials' paths.
    private static func partials(in folder: EndToEndFolder) throws -> [String] {
        try shards().enumerated().map { index, logs in
            let path = folder.file("shard-\(index).partial.json").path
            let run = try AuditBinary.run(["partial", "--config", "samples/config.toml", "-o", path] + logs)
            // One sample log holds five malformed lines: counted, and no damage.
            #expect(run.exitCode == 0, "\(run.summary)")
            return path
        }
    }

    @Test("shards counted apart, merged in two orders, and run give the golden reports; the merges are byte-identical")
    func shardsMergeToTheWhole() throws {
        let folder = try EndToEndFolder(prefix: "partials")
        defer { folder.remove() }
        let parts = try Self.partials(in: folder)
        let (left, right, pair) = (folder.file("left.json").path, folder.file("right.json").path, folder.file("pair.json").path)
        // ((0 + 1) + 2) against (2 + (1 + 0)): associative and commutative, to the byte.
        for (output, inputs) in [(pair, [parts[0], parts[1]]), (left, [pair, parts[2]])] {
            let run = try AuditBinary.run(["merge", "-q", "-o", output] + inputs)
            #expect(run.exitCode == 0 && run.stderr.isEmpty, "\(run.summary)")
        }
        let reversed = try AuditBinary.run(["merge", "-o", "-", parts[1], parts[0]])
        let rightInputs = try folder.write(reversed.stdout, to: "reversed.json")
        _ = try AuditBinary.run(["merge", "-o", right, parts[2], rightInputs.path])
        #expect(try Data(contentsOf: URL(fileURLWithPath: left)) == Data(contentsOf: URL(fileURLWithPath: right)))

        let out = folder.file("out")
        let run = try AuditBinary.run(
            ["run", "--config", "samples/config.toml", "--profiles", "samples/profiles.csv", "--include-keep", "--out", out.path, "--partial", left])
        #expect(run.exitCode == 0, "\(run.summary)")
        let golden = try RepositoryLayout.goldenReports()
        for name in try FileManager.default.contentsOfDirectory(atPath: golden.path) {
            let expected = try Data(contentsOf: golden.appendingPathComponent(name))
            let data = try Data(contentsOf: out.appendingPathComponent(name))
            switch name {
            case "summary.json":
                #expect(try SamplesRun.summaryWithoutTimings(data) == SamplesRun.summaryWithoutTimings(expected))
            case "metrics.prom":
                #expect(SamplesRun.metricsWithoutTimings(data) == SamplesRun.metricsWithoutTimings(expected))
            default:
                #expect(data == expected, "\(name) differs from reports/\(name)")
            }
        }
    }

    @Test("a log given to two shards is refused by merge, naming it, and nothing is written")
    func overlappingShardsAreRefused() throws {
        let folder = try EndToEndFolder(prefix: "partials")
        defer { folder.remove() }
        let log = try Self.shards()[0][0]
        let (first, second) = (folder.file("a.json").path, folder.file("b.json").path)
        _ = try AuditBinary.run(["partial", "--config", "samples/config.toml", "-o", first, log])
        _ = try AuditBinary.run(["partial", "--config", "samples/config.toml", "-o", second, log])
        let merged = folder.file("merged.json").path
        let run = try AuditBinary.run(["merge", "-o", merged, first, second])
        #expect(run.exitCode == 2)
        #expect(run.stderr.contains("holds the log \(log)"), "\(run.summary)")
        #expect(!FileManager.default.fileExists(atPath: merged))
    }

    @Test("a damaged partial is named and exits 3; one of another time zone exits 2")
    func badPartials() throws {
        let folder = try EndToEndFolder(prefix: "partials")
        defer { folder.remove() }
        let path = folder.file("a.json").path
        _ = try AuditBinary.run(["partial", "--config", "samples/config.toml", "-o", path, try Self.shards()[0][0]])
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = try folder.write(whole.prefix(whole.count / 2), to: "cut.json")
        let damaged = try AuditBinary.run(["run", "--config", "samples/config.toml", "--no-state", "--out", folder.file("out").path, "--partial", cut.path])
        #expect(damaged.exitCode == 3)
        #expect(damaged.stderr.contains("partial \(cut.path) is not a usage-audit partial, or is damaged"), "\(damaged.summary)")
        let configuration = try String(contentsOf: RepositoryLayout.requireRoot().appendingPathComponent("samples/config.toml"), encoding: .utf8)
            .replacingOccurrences(of: "timezone = \"Europe/Berlin\"", with: "timezone = \"UTC\"")
        let utc = try folder.write(configuration, to: "utc.toml")
        _ = try folder.write(Data(contentsOf: RepositoryLayout.requireRoot().appendingPathComponent("samples/keys.csv")), to: "keys.csv")
        let zoned = try AuditBinary.run(["count", "--config", utc.path, "--partial", path])
        #expect(zoned.exitCode == 2)
        #expect(zoned.stderr.contains("was counted with timezone Europe/Berlin, but UTC is expected here"), "\(zoned.summary)")
    }
}
