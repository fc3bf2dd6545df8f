import Foundation
import Testing
@testable import UsageAudit

/// Partial files: what is written is read back exactly, and a damaged file is refused whole.
@Suite("PartialFile")
struct PartialFileTests {
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder("partials")
    }

    /// A partial with extreme counts, two users (one with a non-ASCII name), an hourly slot
    /// and an input with a malformed line quoted.
    private func sample() -> UsagePartial {
        var daily = UsageAggregate()
        daily.add(UsageCounts(requests: 3, units: .max, rejected: 1, firstSeen: 1_795_000_000, lastSeen: 1_795_000_500), user: "ann", scope: 0, day: LocalDay(number: 20_775))
        daily.add(UsageCounts(requests: 1, units: 0, rejected: 0, firstSeen: -5, lastSeen: -5), user: "zoë", scope: 1, day: LocalDay(number: -1))
        var hourly = HourlyUsage(phase: 1800)
        hourly.add(UsageCounts(requests: 3, units: 9, rejected: 1, firstSeen: 1_795_000_000, lastSeen: 1_795_000_500), user: "ann", scope: 0, time: 1_795_000_500)
        var input = InputStatistics(path: "logs/access.log.gz")
        input.lines = 5
        input.malformed = 1
        input.requests = 4
        input.first = -5
        input.last = 1_795_000_500
        input.error = "truncated gzip"
        input.content = .new
        input.malformedSamples = [MalformedSample(file: "logs/access.log.gz", line: 2, text: "garbage \"quoted\"", reason: "no ' - '")]
        let record = CountedInput(
            headLength: 120, headDigest: String(repeating: "ab", count: 32), lineDigest: String(repeating: "cd", count: 32), length: 120,
            checksum: 0xDEAD_BEEF, name: "logs/access.log.gz", lines: 5, first: -5, last: 1_795_000_500,
            days: [LocalDay(number: -1), LocalDay(number: 20_775)], countedAt: 1_795_100_000)
        return UsagePartial(
            source: "", timeZoneName: "Asia/Kolkata", scopeNames: ["geocode", "other"],
            rules: CountingRules(lines: ["[log] format = \"combined\"", "[[scope]] name = \"geocode\""]), daily: daily, hourly: hourly, inputs: [input],
            ledger: [record])
    }

    @Test("a partial written and read back is the same, to the count")
    func roundTrip() throws {
        let path = folder.file("night.partial.json")
        let written = sample()
        try PartialFile.write(written, to: path)
        let read = try PartialFile.read(path: path)
        #expect(read.source == path)
        #expect(read.timeZoneName == "Asia/Kolkata")
        #expect(read.scopeNames == written.scopeNames)
        #expect(read.rules == written.rules)
        #expect(read.daily.cellsByName == written.daily.cellsByName)
        #expect(read.hourly.phase == 1800)
        #expect(read.hourly.storedSlots(scopeNames: read.scopeNames) == written.hourly.storedSlots(scopeNames: written.scopeNames))
        #expect(read.inputs == written.inputs)
        #expect(read.ledger == written.ledger)
        // Written again, the file is the same byte for byte.
        let again = folder.file("again.json")
        try PartialFile.write(read, to: again)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: path))
    }

    @Test("use at the first and last second a log's timestamp can say (years 0 and 9999) reads back")
    func timesAtTheParsersBounds() throws {
        var partial = sample()
        for time in [TimeParts.supportedSeconds.lowerBound, TimeParts.supportedSeconds.upperBound] {
            let day = LocalDay(number: Int32((Double(time) / 86_400).rounded(.down)))
            partial.daily.add(UsageCounts(requests: 1, units: 1, rejected: 0, firstSeen: time, lastSeen: time), user: "ann", scope: 0, day: day)
        }
        let path = folder.file("bounds.json")
        try PartialFile.write(partial, to: path)
        #expect(try PartialFile.read(path: path).daily.cellsByName == partial.daily.cellsByName)
    }

    @Test("damaged partials are refused whole, with what is wrong", arguments: [
        ("[1,1,-1,", "[2,1,-1,", "day row 1 names user 2 of 2"),
        ("[1,1,-1,", "[1,5,-1,", "day row 1 names scope 5 of 2"),
        ("[0,0,1794997800,", "[0,0,1794997800,1,", "hour row 0 is not a list of 8 whole numbers"),
        ("[0,0,1794997800,", "[0,0,1794997900,", "hour row 0 starts at 1794997900, which is no slot start"),
        (#""content":"new""#, #""content":"renamed""#, "content \"renamed\""),
        (#""hours":1"#, #""hours":2"#, "it ends before hour row 1: cut short"),
        ("[1,1,-1,", "[0,0,20775,", "day row 1 is out of order, or given twice"),
        (#""days":2"#, #""days":1"#, "hour row 0 starts at -1, which is no slot start"),
        // Edited counts that would overflow sums or calendar arithmetic.
        (#""bytes":0"#, #""bytes":9223372036854775807"#, "input 0 has a count or time that no log has"),
        (#""days":[-1,20775]"#, #""days":[2147483647]"#, "log 0 has a length, line count, day or time"),
        ("[0,0,20775,3,", "[0,0,2147483647,3,", "which is no day of the years 0 to 9999"),
        ("[0,0,20775,3,", "[0,0,20775,-3,", "has counts or times that no log has"),
    ])
    func damaged(original: String, replacement: String, reason: String) throws {
        let path = folder.file("damaged.json")
        try PartialFile.write(sample(), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try #require(text.contains(original), "the sample's file no longer holds \(original): \(text.prefix(400))")
        try text.replacingOccurrences(of: original, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try PartialFile.read(path: path)
            Issue.record("a damaged partial was read")
        } catch {
            guard case .unreadable(let where_, let why) = error else { Issue.record("\(error)"); return }
            #expect(where_ == path)
            #expect(why.contains(reason), "\(why)")
        }
    }

    /// The sample's file with every `(original, replacement)` applied, read.
    private func reading(_ edits: [(String, String)]) throws -> UsagePartial {
        let path = folder.file("edited.json")
        try PartialFile.write(sample(), to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (original, replacement) in edits {
            try #require(text.contains(original), "the sample's file no longer holds \(original): \(text.prefix(600))")
            text = text.replacingOccurrences(of: original, with: replacement)
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try PartialFile.read(path: path)
    }

    @Test("a file with lines repeated, reordered or counted wrong is refused, naming what is wrong; a huge count does not crash")
    func structuralDamage() throws {
        let hour = "[0,0,1794997800,3,9,1,1795000000,1795000500]"
        let cases: [([(String, String)], String)] = [
            ([(#""days":2"#, #""days":1000000000"#)], "day row 2"),
            ([(#""users":2"#, #""users":3"#), ("\"zoë\"\n", "\"zoë\"\n\"zz\"\n")], "user 2 has no day or hour row"),
            ([("\"ann\"\n\"zoë\"\n", "\"zoë\"\n\"ann\"\n")], "user 1 is listed twice, or out of order"),
            ([(#""hours":1"#, #""hours":2"#), (hour, hour + "\n" + hour)], "hour row 1 is out of order, or given twice"),
            ([(#""ledger":1"#, #""ledger":2"#), ("\n[0,0,20775", "\n" + "LEDGER" + "\n[0,0,20775")], "a log is listed twice"),
        ]
        let ledgerLine = try String(contentsOfFile: { () -> String in
            let path = folder.file("plain.json")
            try? PartialFile.write(sample(), to: path)
            return path
        }(), encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("{\"checksum\"") }.map(String.init) ?? ""
        try #require(!ledgerLine.isEmpty)
        for (edits, reason) in cases {
            let resolved = edits.map { ($0.0, $0.1.replacingOccurrences(of: "LEDGER", with: ledgerLine)) }
            #expect {
                try reading(resolved)
            } throws: { error in
                guard case PartialError.unreadable(_, let why) = error else { return false }
                return why.contains(reason)
            }
        }
    }

    @Test("rows with spaces and a file with CRLF line ends read as the compact file does")
    func spacesAndCarriageReturns() throws {
        let plain = try reading([])
        let spaced = try reading([("[0,0,20775,3,", "[ 0, 0,20775 ,\t3,"), ("\n", "\r\n")])
        #expect(spaced.daily.cellsByName == plain.daily.cellsByName)
        #expect(spaced.hourly.storedSlots(scopeNames: spaced.scopeNames) == plain.hourly.storedSlots(scopeNames: plain.scopeNames))
        #expect(spaced.ledger == plain.ledger)
    }

    @Test("a partial cut short, another format, or a missing file are named as such")
    func unreadable() throws {
        let path = folder.file("cut.json")
        try PartialFile.write(sample(), to: path)
        let data = try #require(FileManager.default.contents(atPath: path))
        FileManager.default.createFile(atPath: path, contents: data.prefix(data.count - 3))
        #expect(throws: PartialError.self) { try PartialFile.read(path: path) }
        FileManager.default.createFile(atPath: path, contents: Data(#"{"usage_audit_partial": 7, "version": "3.0.0"}"#.utf8))
        #expect(throws: PartialError.unsupportedFormat(path: path, format: 7, writer: "3.0.0")) { try PartialFile.read(path: path) }
        let missing = folder.file("missing.json")
        #expect { try PartialFile.read(path: missing) } throws: { ($0 as? PartialError)?.isUnreadable == true }
    }
}
