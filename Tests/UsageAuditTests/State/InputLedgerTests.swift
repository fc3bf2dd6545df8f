import Testing
@testable import UsageAudit

@Suite("InputLedger")
struct InputLedgerTests {
    private func content(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    private func record(of bytes: [UInt8], name: String) -> CountedInput {
        let head = Array(bytes.prefix(ContentDigest.headCapacity))
        return CountedInput(
            headLength: head.count, headDigest: ContentDigest.headDigest(of: head), length: Int64(bytes.count),
            checksum: 0, name: name, lines: 1, first: nil, last: nil, days: [], countedAt: 0)
    }

    @Test("an input with the same first 64 KiB matches, another does not")
    func fullHead() {
        let counted = content(100_000, seed: 1)
        let ledger = InputLedger(records: [record(of: counted, name: "access.log.1")])
        #expect(ledger.match(head: Array((counted + [1, 2, 3]).prefix(ContentDigest.headCapacity)))?.name == "access.log.1")
        var other = counted
        other[10] ^= 0xFF
        #expect(ledger.match(head: Array(other.prefix(ContentDigest.headCapacity))) == nil)
    }

    @Test("an input that continues one counted while shorter than the head matches it; the longest such record wins")
    func shortHeads() {
        let grown = content(90_000, seed: 2)
        let ledger = InputLedger(records: [
            record(of: Array(grown.prefix(100)), name: "short"),
            record(of: Array(grown.prefix(5000)), name: "longer"),
        ])
        #expect(ledger.match(head: Array(grown.prefix(ContentDigest.headCapacity)))?.name == "longer")
        #expect(ledger.match(head: Array(grown.prefix(4999)))?.name == "short")
        #expect(ledger.match(head: Array(grown.prefix(99))) == nil)
    }

    @Test("replacing a record by its grown version keeps one record")
    func replace() {
        let grown = content(90_000, seed: 3)
        let short = record(of: Array(grown.prefix(100)), name: "a")
        var ledger = InputLedger(records: [short])
        ledger.replace(short, with: record(of: grown, name: "a"))
        #expect(ledger.records.count == 1)
        #expect(ledger.match(head: Array(grown.prefix(ContentDigest.headCapacity)))?.length == 90_000)
    }

    @Test("a log rewritten under its name is told by its first line; W3C header lines, the same in every file, are not that line")
    func rewrittenByFirstLine() {
        func log(_ lines: [String]) -> [UInt8] { Array(lines.map { $0 + "\n" }.joined().utf8) }
        func recorded(_ bytes: [UInt8], name: String) -> CountedInput {
            var input = record(of: bytes, name: name)
            input.lineDigest = ContentDigest.lineDigest(of: bytes)
            return input
        }
        let header = ["#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Fields: date time cs-username"]
        let monday = log(header + ["2026-05-04 10:00:00 alice", "2026-05-04 11:00:00 bob"])
        let tuesday = log(header + ["2026-05-05 09:00:00 carol"])
        let mondayEdited = log(header + ["2026-05-04 10:00:00 alice", "2026-05-04 11:00:00 mallory"])
        let ledger = InputLedger(records: [recorded(monday, name: "u_ex.log")])
        // The next day's log under the same name is a new log, not Monday's rewritten.
        #expect(ledger.match(head: tuesday) == nil)
        #expect(ledger.rewritten(name: "u_ex.log", head: tuesday) == nil)
        // Monday's log changed after its first request line is Monday's, rewritten.
        #expect(ledger.match(head: mondayEdited) == nil)
        #expect(ledger.rewritten(name: "u_ex.log", head: mondayEdited)?.name == "u_ex.log")
        // Plain logs: the first line itself.
        let plain = log(["1.2.3.4 - ann [04/May/2026:10:00:00 +0000] \"GET / HTTP/1.1\" 200 1"])
        #expect(ContentDigest.lineDigest(of: plain) == ContentDigest.headDigest(of: plain.dropLast()))
        // Headers alone identify nothing.
        #expect(ContentDigest.lineDigest(of: log(header)).isEmpty)
    }
}
