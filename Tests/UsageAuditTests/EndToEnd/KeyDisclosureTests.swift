import Foundation
import Testing

/// DESIGN §3: "never print a full secret key in any report: show at most its first 6
/// characters" — also when the key sits in a malformed line that summary.json quotes.
@Suite("No report shows a full API key")
struct KeyDisclosureTests {
    @Test("a malformed line quoted in summary.json does not reveal the API key in it")
    func malformedSampleHidesKey() throws {
        let folder = try EndToEndFolder(prefix: "keys")
        defer { folder.remove() }
        let key = SyntheticTraffic.unknownHeaderKey
        let mappedKey = SyntheticTraffic.carolKey
        let lines = [
            #"192.0.2.5 - - [21/Nov/2026:10:00:00 +0100] "GET /api/search?q=a HTTP/1.1" 200 12 "-" "curl/8.5.0" "\#(key)" -"#,
            // Misspelt month: malformed, and quoted with both keys in it.
            #"192.0.2.5 - - [21/Nvo/2026:10:00:01 +0100] "GET /api/search?q=b&api_key=\#(mappedKey) HTTP/1.1" 200 12 "-" "curl/8.5.0" "\#(key)" -"#,
        ]
        try folder.write(lines.map { $0 + "\n" }.joined(), to: "access.log")
        try folder.write(TrafficExpectation.configuration(zone: "Europe/Berlin"), to: "config.toml")
        try folder.write(TrafficExpectation.keysFile, to: "keys.csv")
        let run = try AuditBinary.run(["run", "--config", "config.toml", "--out", "out", "access.log"], in: folder.url)
        #expect(run.exitCode == 0, "\(run.summary)")

        let summary = try JSONFile.object(Data(contentsOf: folder.file("out/summary.json")), name: "summary.json")
        let input = try #require(try JSONFile.objects(summary, "inputs").first)
        let samples = try JSONFile.objects(input, "malformed_samples")
        #expect(samples.count == 1 && JSONFile.integer(samples[0], "line") == 2, "the malformed line is still quoted")
        for name in try folder.entries(of: "out") {
            let text = String(decoding: try Data(contentsOf: folder.file("out/\(name)")), as: UTF8.self)
            let showsUnknownKey = text.contains(key)
            let showsMappedKey = text.contains(mappedKey)
            #expect(!showsUnknownKey, "\(name) shows the full unknown key \(key)")
            #expect(!showsMappedKey, "\(name) shows the full key \(mappedKey) of carol")
        }
        let stderrShowsKey = run.stderr.contains(key) || run.stderr.contains(mappedKey)
        #expect(!stderrShowsKey, "stderr shows a full key: \(run.stderr)")
    }

    @Test("no key of samples/keys.csv appears in any report of the sample run")
    func sampleReportsHideKeys() throws {
        let fresh = try SamplesRun.shared.get()
        let keysFile = try String(contentsOf: RepositoryLayout.requireRoot().appendingPathComponent("samples/keys.csv"), encoding: .utf8)
        let keys = try CSVText(keysFile).records.compactMap { $0["key"] }
        #expect(keys.count == 27)
        for (name, data) in fresh.files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            let shown = keys.filter { text.contains($0) }
            #expect(shown.isEmpty, "\(name) shows the full keys \(shown)")
        }
    }
}
