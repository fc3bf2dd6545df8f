import Foundation

/// A folder with synthetic logs, their configuration and keys.csv, and the result of
/// `usage-audit run --config config.toml --out out logs` in it.
struct SyntheticRun {
    static let defaultSeed: UInt64 = 0x5EED_2026_0329

    let folder: EndToEndFolder
    let logs: SyntheticLogSet
    let clock: ZoneClock
    let zone: String
    let run: CommandRun

    /// Generates the traffic for `seed`, writes it for a run in `zone`, and runs the tool.
    static func make(zone: String, seed: UInt64 = defaultSeed) throws -> SyntheticRun {
        let folder = try EndToEndFolder(prefix: "synthetic")
        do {
            let traffic = SyntheticTraffic(seed: seed)
            let logs = try SyntheticLogSet.write(traffic, into: folder, seed: seed ^ 0xF11E5)
            try folder.write(TrafficExpectation.configuration(zone: zone), to: "config.toml")
            try folder.write(TrafficExpectation.keysFile, to: "keys.csv")
            let run = try AuditBinary.run(["run", "--config", "config.toml", "--out", "out", "logs"], in: folder.url)
            return SyntheticRun(folder: folder, logs: logs, clock: ZoneClock(zone), zone: zone, run: run)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// The text of report `name` in `out/`.
    func report(_ name: String) throws -> String {
        let url = folder.file("out/\(name)")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EndToEndFailure("no \(name) in the report folder; \(run.summary)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// `summary.json` as a dictionary.
    func summary() throws -> [String: Any] {
        try JSONFile.object(Data(report("summary.json").utf8), name: "summary.json")
    }

    /// The rows of `usage.csv`.
    func usage() throws -> ReportedUsage {
        try ReportedUsage(csv: report("usage.csv"))
    }

    func remove() {
        folder.remove()
    }
}
