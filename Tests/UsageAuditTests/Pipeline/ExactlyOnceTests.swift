import Foundation
import Testing
@testable import UsageAudit

/// Exactly-once input through a state store (DESIGN §8): by content, not by name.
@Suite("Exactly-once input")
struct ExactlyOnceTests {
    private let fixture: PipelineFixture
    private let audit: Audit
    private let statePath: String

    init() throws {
        fixture = try PipelineFixture()
        audit = try Audit(configuration: ConfigurationLoader.parse(text: ""))
        statePath = fixture.folder.file("state/state.sqlite")
    }

    private func lines(_ user: String, day: Int, count: Int, from start: Int = 0) -> [String] {
        PipelineFixture.requestLines(user, day: day, count: count, from: start)
    }

    private func run(_ inputs: [InputSource]) throws -> AuditOutcome {
        try audit.run(
            inputs: inputs, asOf: nil, state: SQLiteStateStore(path: statePath), workers: 2,
            logger: PipelineFixture.silentLogger)
    }

    /// Units of `user` on day `day` in the history the state store holds.
    private func storedUnits(_ user: String) throws -> Int64 {
        try SQLiteStateStore(path: statePath).history(from: LocalDay(number: 0)).cells
            .filter { $0.user == user }.reduce(0) { $0 + $1.counts.units }
    }

    @Test("a rerun adds nothing and reports the same rows")
    func rerun() throws {
        let input = try fixture.gzipped("access.log.2.gz", lines("ann", day: 20, count: 40))
        let first = try run([input])
        let second = try run([input])
        #expect(second.result.inputs[0].content == .alreadyCounted(previousName: input.displayName, countedAt: first.result.countedInputs[0].countedAt))
        #expect(second.result.totals.lines == 0)
        #expect(second.usageRows == first.usageRows)
        #expect(second.asOf == first.asOf)
        #expect(try storedUnits("ann") == 40)
        // The commit ran beside the stages: its time is reported apart, and the stages in order.
        let stages = first.timings.map(\.0)
        #expect(stages == ["count_seconds", "state_seconds", "analyses_seconds", "commit_wait_seconds", "state_commit_seconds"])
        #expect(AuditOutcome.besideTimings == ["state_commit_seconds"])
    }

    @Test("an audit that does not await its commit hands it over: joined later, with the same timings and state")
    func pendingCommit() throws {
        let input = try fixture.gzipped("access.log.2.gz", lines("ann", day: 20, count: 25))
        var outcome = try audit.run(
            inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), awaitsCommit: false, workers: 2,
            logger: PipelineFixture.silentLogger)
        #expect(outcome.pendingCommit != nil)
        #expect(outcome.timings.map(\.0) == ["count_seconds", "state_seconds", "analyses_seconds"])
        try outcome.awaitCommit()
        #expect(outcome.pendingCommit == nil)
        #expect(outcome.timings.map(\.0) == ["count_seconds", "state_seconds", "analyses_seconds", "commit_wait_seconds", "state_commit_seconds"])
        #expect(try storedUnits("ann") == 25)
        // Joining again adds nothing.
        try outcome.awaitCommit()
        #expect(outcome.timings.count == 5)
    }

    @Test("a rotated file (plain access.log.1 that comes back as access.log.2.gz) is the same data")
    func rotation() throws {
        let yesterday = lines("ann", day: 20, count: 30)
        _ = try run([fixture.plain("access.log.1", yesterday)])
        let today = try fixture.plain("access.log.1b", lines("ann", day: 21, count: 12))
        let outcome = try run([fixture.gzipped("access.log.2.gz", yesterday), today])
        #expect(outcome.result.inputs[0].content.name == "already_counted")
        #expect(outcome.result.inputs[1].content == .new)
        #expect(try storedUnits("ann") == 42)
        // The nightly report still covers the day the rotated file holds, from history.
        #expect(outcome.usageRows.contains { $0.user == "ann" && $0.scope == "all" && $0.bucket.start.description == "2026-11-20" && $0.counts.units == 30 })
    }

    @Test("a plain file that grew is read from where the last run stopped")
    func growth() throws {
        let path = fixture.folder.file("access.log")
        let all = lines("ann", day: 21, count: 50)
        try (all[..<20].joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        _ = try run([.file(path: path)])
        try (all.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let outcome = try run([.file(path: path)])
        #expect(outcome.result.inputs[0].content.name == "appended")
        #expect(outcome.result.totals.lines == 30)
        #expect(try storedUnits("ann") == 50)
        #expect(outcome.usageRows.first { $0.scope == "all" && $0.period == .day }?.counts.units == 50)
    }

    @Test("a W3C log that grew, or was cut off and then read whole, is read on under its #Fields: header", arguments: [false, true])
    func w3cGrowth(gzipped: Bool) throws {
        let w3c = try Audit(configuration: ConfigurationLoader.parse(text: "[log]\nformat = \"w3c\"\n"))
        let header = ["#Software: Microsoft Internet Information Services 10.0", "#Fields: date time cs-username cs-uri-stem sc-status"]
        let data = (0..<3_000).map { String(format: "2026-11-21 10:%02d:%02d ann /api/a 200", $0 / 60 % 60, $0 % 60) }
        func run(_ input: InputSource) throws -> AuditOutcome {
            try w3c.run(
                inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), workers: 2, logger: PipelineFixture.silentLogger)
        }
        let whole: InputSource
        if gzipped {
            whole = try fixture.gzipped("u_ex261121.log.gz", header + data)
            var bytes = try fixture.bytes(of: whole)
            bytes.removeLast(bytes.count / 2)
            let first = try run(.file(path: try fixture.folder.write(bytes, to: "copied-u_ex261121.log.gz")))
            #expect(first.result.inputs[0].error != nil)
        } else {
            _ = try run(try fixture.plain("u_ex261121.log", header + data[..<1_000]))
            whole = try fixture.plain("u_ex261121.log", header + data)
        }
        let counted = try storedUnits("ann")
        #expect(counted > 100 && counted < 3_000)
        let second = try run(whole)
        #expect(second.result.inputs[0].content.name == "appended")
        #expect(second.result.totals.malformed == 0)
        #expect(second.result.totals.lines == 3_000 - counted)
        #expect(try storedUnits("ann") == 3_000)
    }

    @Test("a log rotated with copytruncate whose writer keeps its offset: each night's new lines after the NUL hole are counted once")
    func copytruncateHoles() throws {
        let path = fixture.folder.file("access.log")
        let first = lines("ann", day: 20, count: 50).map { $0 + "\n" }.joined()
        let second = lines("bob", day: 21, count: 30).map { $0 + "\n" }.joined()
        // Night 1: a hole of 100,000 NULs, then the night's lines; night 2: the hole grew by
        // night 1's lines (truncated away), then night 2's.
        let hole = 100_000
        try fixture.folder.write([UInt8](repeating: 0, count: hole) + Array(first.utf8), to: "access.log")
        let one = try run([.file(path: path)])
        #expect(one.result.totals.lines == 50 && one.result.totals.malformed == 0)
        try fixture.folder.write([UInt8](repeating: 0, count: hole + first.utf8.count) + Array(second.utf8), to: "access.log")
        let two = try run([.file(path: path)])
        #expect(two.result.inputs[0].content.name == "new", "\(two.result.inputs[0].content)")
        #expect(two.result.totals.lines == 30 && two.result.inputs[0].error == nil)
        #expect(try storedUnits("ann") == 50 && storedUnits("bob") == 30)
        // Read again, night 2's file is already counted.
        #expect(try run([.file(path: path)]).result.totals.lines == 0)
    }

    @Test("a gzip file cut off while it was copied, then read whole: the cut line is counted once, in full", arguments: [1, 2])
    func cutThenWhole(workers: Int) throws {
        let all = lines("ann", day: 21, count: 3_000)
        let whole = try fixture.gzipped("access.log.2.gz", all)
        var bytes = try fixture.bytes(of: whole)
        bytes.removeLast(bytes.count / 2)
        let cut = InputSource.file(path: try fixture.folder.write(bytes, to: "copied-access.log.2.gz"))
        func run(_ input: InputSource) throws -> AuditOutcome {
            try audit.run(
                inputs: [input], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers,
                logger: PipelineFixture.silentLogger)
        }
        let first = try run(cut)
        #expect(first.result.inputs[0].error != nil)
        #expect(first.result.totals.malformed == 1)
        let counted = first.result.totals.lines - 1
        #expect(counted > 100 && counted < 3_000)
        #expect(try storedUnits("ann") == counted)
        // The record ends where the cut line starts: read whole, the input continues there.
        let second = try run(whole)
        #expect(second.result.inputs[0].content.name == "appended")
        #expect(second.result.totals.lines == 3_000 - counted)
        #expect(second.result.totals.malformed == 0)
        #expect(try storedUnits("ann") == 3_000)
        #expect(second.result.countedInputs[0].lines == 3_000)
        #expect(try run(whole).result.totals.lines == 0)
    }

    @Test("a rerun that adds nothing judges stored counters as the first run did, also when the log ends in lines not counted")
    func rerunJudgesAlike() throws {
        let audit = try Audit(configuration: ConfigurationLoader.parse(text: """
            [count]
            paths = ["/api/"]
            """))
        // The audit moment is the last line (a health check, not counted): 11:00.
        let input = try fixture.plain("access.log", lines("ann", day: 21, count: 30) + [
            PipelineFixture.combinedLine(user: "ann", time: "21/Nov/2026:11:00:00 +0000", request: "GET /health HTTP/1.1"),
        ])
        let profiles = [StoredProfile(
            user: "ann", scope: "all", period: .day, limit: .useDefault, used: 100, total: nil, hard: nil, snapshotAt: nil,
            periodStart: nil, origin: "profiles.csv:2")]
        func run() throws -> AuditOutcome {
            try audit.run(
                inputs: [input], asOf: nil, profiles: profiles, state: SQLiteStateStore(path: statePath), workers: 1,
                logger: PipelineFixture.silentLogger)
        }
        let first = try run()
        let second = try run()
        #expect(second.result.totals.lines == 0)
        #expect(second.asOf == first.asOf)
        #expect(first.findings.map(\.kind) == [.drift])
        #expect(second.findings.map(\.kind) == first.findings.map(\.kind))
        #expect(second.findings.map(\.detail) == first.findings.map(\.detail))
    }

    @Test("the same content given twice in one run is counted once", arguments: [1, 2])
    func duplicateInOneRun(workers: Int) throws {
        let content = lines("bob", day: 21, count: 25)
        let a = try fixture.plain("a.log", content)
        let b = try fixture.gzipped("b.log.gz", content)
        let outcome = try audit.run(
            inputs: [a, b], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers,
            logger: PipelineFixture.silentLogger)
        #expect(outcome.result.inputs.map(\.content.name) == ["new", "already_counted"])
        #expect(try storedUnits("bob") == 25)
    }

    @Test("a file rewritten after it was counted is an error, not a recount", arguments: [100, 5000])
    func rewritten(count: Int) throws {
        let path = fixture.folder.file("access.log")
        var content = lines("ann", day: 21, count: count)
        try (content.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        _ = try run([.file(path: path)])
        content[count / 2] = PipelineFixture.combinedLine(user: "mallory", time: "21/Nov/2026:11:00:00 +0000")
        content += lines("ann", day: 21, count: 10, from: 3000)
        try (content.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let outcome = try run([.file(path: path)])
        #expect(outcome.result.inputs[0].content.name == "changed")
        #expect(outcome.result.inputs[0].error != nil)
        #expect(outcome.hasDamage)
        #expect(try storedUnits("ann") == Int64(count))
        #expect(try storedUnits("mallory") == 0)
    }

    @Test("the first half of a counted log (head -n) is a shorter copy: counted before, no damage, said on stderr")
    func shorterCopy() throws {
        let all = lines("ann", day: 21, count: 3_000) // about 240 KB: more than the 64 KiB head
        let whole = try fixture.plain("big.log", all)
        _ = try run([whole])
        let half = try fixture.plain("first_half.log", Array(all[..<1_500]))
        let capture = LogCapture()
        let outcome = try audit.run(
            inputs: [half], asOf: nil, state: SQLiteStateStore(path: statePath), workers: 2, logger: capture.logger())
        #expect(outcome.result.inputs[0].content.name == "already_counted")
        #expect(outcome.result.inputs[0].error == nil && !outcome.hasDamage)
        #expect(outcome.result.totals.lines == 0)
        #expect(try storedUnits("ann") == 3_000)
        #expect(capture.lines.contains { $0.contains("first_half.log: its first 64 KiB are those of ") && $0.contains("big.log, counted before") },
                "\(capture.lines)")
    }

    @Test("a gzip copy of a counted log cut short (logrotate still compressing it) counts nothing twice: under and over 64 KiB, damaged within its head or after it",
          arguments: [(400, 1), (400, 2), (3_000, 1), (3_000, 2)])
    func cutCopyOfCountedLog(lineCount: Int, workers: Int) throws {
        let all = lines("ann", day: 21, count: lineCount) // 400 lines: about 32 KB; 3,000: about 240 KB
        _ = try run([try fixture.plain("access.log.1", all)])
        let whole = try fixture.gzipped("whole.gz", all)
        var bytes = try fixture.bytes(of: whole)
        bytes.removeLast(bytes.count * 3 / 10)
        let cut = InputSource.file(path: try fixture.folder.write(bytes, to: "access.log.2.gz"))
        let capture = LogCapture()
        let outcome = try audit.run(
            inputs: [cut], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers, logger: capture.logger())
        let input = outcome.result.inputs[0]
        #expect(input.content.name == "already_counted")
        #expect(outcome.hasDamage, "the damage is still reported")
        #expect(input.error?.contains("gzip data is truncated after") == true, "\(input.error ?? "")")
        #expect(input.error?.contains("access.log.1, counted before (") == true, "\(input.error ?? "")")
        #expect(outcome.result.totals.requests == 0)
        #expect(try storedUnits("ann") == Int64(lineCount))
        #expect(!capture.lines.contains { $0.contains("the lines before the damage were counted") }, "\(capture.lines)")
        // The whole copy, once logrotate finished it, is the log counted before.
        let later = try run([InputSource.file(path: try fixture.folder.write(try fixture.bytes(of: whole), to: "access.log.2.gz"))])
        #expect(later.result.inputs[0].content.name == "already_counted")
        #expect(try storedUnits("ann") == Int64(lineCount))
    }

    @Test("a damaged gzip that only shares its first line with a counted log of another name, or whose first line is blank, is new: counted up to the damage")
    func damagedNewLogIsCounted() throws {
        let probe = PipelineFixture.combinedLine(user: "-", time: "21/Nov/2026:00:00:00 +0000", request: "GET /health HTTP/1.1")
        _ = try run([try fixture.plain("site-a.log", [probe] + lines("ann", day: 21, count: 400))])
        let other = try fixture.gzipped("site-b.full.gz", [probe] + lines("bob", day: 21, count: 400))
        var bytes = try fixture.bytes(of: other)
        bytes.removeLast(bytes.count / 3)
        let cut = InputSource.file(path: try fixture.folder.write(bytes, to: "site-b.log.gz"))
        let outcome = try run([cut])
        #expect(outcome.result.inputs[0].content.name == "new")
        #expect(outcome.hasDamage)
        #expect(outcome.result.totals.requests > 100, "bob's lines before the damage are counted")
        #expect(outcome.damageMessage.contains("everything readable was counted"), "\(outcome.damageMessage)")
        // The same name through rotations, but a blank first line: nothing to know the log by.
        _ = try run([try fixture.plain("blank.log", [""] + lines("cyd", day: 22, count: 400))])
        let blank = try fixture.gzipped("blank.full.gz", [""] + lines("dan", day: 22, count: 400))
        var blankBytes = try fixture.bytes(of: blank)
        blankBytes.removeLast(blankBytes.count / 3)
        let blankCut = try run([InputSource.file(path: try fixture.folder.write(blankBytes, to: "blank.log.1.gz"))])
        #expect(blankCut.result.inputs[0].content.name == "new" && blankCut.result.totals.requests > 100)
    }

    @Test("a cut copy is known by its own log, also when another log of the same first line was counted after it")
    func cutCopyAmongLogsStartingAlike() throws {
        let probe = PipelineFixture.combinedLine(user: "-", time: "21/Nov/2026:00:00:00 +0000", request: "GET /health HTTP/1.1")
        let a = [probe] + lines("ann", day: 21, count: 400)
        _ = try run([try fixture.plain("api-a.log.1", a), try fixture.plain("api-b.log.1", [probe] + lines("bob", day: 21, count: 600))])
        var bytes = try fixture.bytes(of: try fixture.gzipped("full.gz", a))
        bytes.removeLast(bytes.count / 3)
        let outcome = try run([InputSource.file(path: try fixture.folder.write(bytes, to: "api-a.log.2.gz"))])
        #expect(outcome.result.inputs[0].content.name == "already_counted")
        #expect(try storedUnits("ann") == 400)
    }

    @Test("a live plain log read while its last line is half written: that line is read again, whole, by the next run", arguments: [1, 2])
    func halfWrittenLastLine(workers: Int) throws {
        let all = lines("ann", day: 21, count: 3) + lines("bob", day: 21, count: 2)
        let whole = all.map { $0 + "\n" }.joined()
        let cut = all.prefix(2).map { $0 + "\n" }.joined() + String(all[2].prefix(30))
        let path = try fixture.folder.write(cut, to: "access.log")
        func count() throws -> AuditOutcome {
            try audit.run(inputs: [.file(path: path)], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers,
                          logger: PipelineFixture.silentLogger)
        }
        let first = try count()
        #expect(first.result.totals.requests == 2 && first.result.totals.malformed == 1)
        #expect(first.result.inputs[0].malformedSamples.first?.reason == InputCounter.unfinishedReason)
        #expect(first.result.countedInputs.first?.length == Int64(all.prefix(2).map { $0.utf8.count + 1 }.reduce(0, +)))
        _ = try fixture.folder.write(whole, to: "access.log")
        let second = try count()
        #expect(second.result.inputs[0].content.name == "appended")
        #expect(second.result.totals.requests == 3 && second.result.totals.malformed == 0)
        #expect(try storedUnits("ann") == 3 && storedUnits("bob") == 2)
        // A last line without a newline that is a whole log line counts at once, and not again.
        let final = all.map { $0 + "\n" }.joined() + lines("cyd", day: 21, count: 1)[0]
        _ = try fixture.folder.write(final, to: "access.log")
        #expect(try count().result.totals.requests == 1)
        #expect(try count().result.totals.lines == 0)
        #expect(try storedUnits("cyd") == 1)
    }

    @Test("a counted gzip log overwritten by a copy of itself cut short is that copy, not a rewritten log")
    func cutCopyUnderItsOwnName() throws {
        let all = lines("ann", day: 21, count: 400)
        let whole = try fixture.gzipped("a.log.gz", all)
        let bytes = try fixture.bytes(of: whole)
        _ = try run([whole])
        _ = try fixture.folder.write(Array(bytes.prefix(bytes.count * 2 / 3)), to: "a.log.gz")
        let outcome = try run([whole])
        #expect(outcome.result.inputs[0].content.name == "already_counted")
        #expect(outcome.result.inputs[0].error?.contains("gzip data is truncated") == true, "\(outcome.result.inputs[0].error ?? "")")
        #expect(outcome.damageMessage.contains("nothing of it was counted again"), "\(outcome.damageMessage)")
        #expect(try storedUnits("ann") == 400)
    }

    @Test("an input none of whose lines matched the format is not recorded: once the format is right, it is counted", arguments: [1, 2])
    func wrongFormatIsNotRecorded(workers: Int) throws {
        let log = try fixture.plain("access.log.1", lines("ann", day: 21, count: 300))
        let wrong = try Audit(configuration: ConfigurationLoader.parse(text: "[log]\nformat = \"json\"\n"))
        let capture = LogCapture()
        let first = try wrong.run(
            inputs: [log], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers, logger: capture.logger())
        #expect(first.result.totals.malformed == 300 && first.result.totals.parsed == 0)
        #expect(first.result.countedInputs.isEmpty)
        #expect(capture.lines.contains { $0.contains("access.log.1: none of its 300 new lines matched the log format, so it is not recorded") },
                "\(capture.lines)")
        let fixed = try run([log])
        #expect(fixed.result.inputs[0].content.name == "new")
        #expect(try storedUnits("ann") == 300)
        // A log with one line that matches is recorded as usual (its other lines stay malformed).
        let jsonLine = #"{"time":"2026-11-21T11:00:00Z","remote_user":"bob","request":"GET /a HTTP/1.1","status":200}"#
        let mixed = try fixture.plain("mixed.log", [jsonLine] + lines("bob", day: 21, count: 2))
        let once = try wrong.run(inputs: [mixed], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers, logger: PipelineFixture.silentLogger)
        #expect(once.result.totals.parsed == 1 && once.result.countedInputs.count == 1)
        #expect(try run([mixed]).result.inputs[0].content.name == "already_counted")
        // Lines too long for a log line are no sign of a wrong format: such an input is recorded.
        let long = try fixture.plain("long.log", [PipelineFixture.combinedLine(request: "GET /a?" + String(repeating: "x", count: 70_000) + " HTTP/1.1")])
        let capture2 = LogCapture()
        let longRun = try audit.run(inputs: [long], asOf: nil, state: SQLiteStateStore(path: statePath), workers: workers, logger: capture2.logger())
        #expect(longRun.result.totals.malformed == 1 && longRun.result.countedInputs.count == 1)
        #expect(!capture2.lines.contains { $0.contains("matched the log format") }, "\(capture2.lines)")
    }

    @Test("a run after missed nights names the days no counted log holds; the next nights, a backfill of the gap, and a first run do not")
    func missedNights() throws {
        func warnings(_ inputs: [InputSource]) throws -> [String] {
            let capture = LogCapture()
            _ = try audit.run(inputs: inputs, asOf: nil, state: SQLiteStateStore(path: statePath), workers: 2, logger: capture.logger())
            return capture.lines.filter { $0.contains("no log counted so far holds a request") }
        }
        #expect(try warnings([try fixture.plain("d26.log", lines("ann", day: 26, count: 5)), try fixture.plain("d27.log", lines("ann", day: 27, count: 5))]).isEmpty)
        let gap = try warnings([try fixture.plain("d30.log", lines("ann", day: 30, count: 5))])
        #expect(gap.count == 1 && gap[0].contains("of 2026-11-28 to 2026-11-29: the state store's last day before this run's first (2026-11-30) is 2026-11-27"), "\(gap)")
        #expect(try warnings([try fixture.plain("d28.log", lines("ann", day: 28, count: 5))]).isEmpty, "a backfill that starts right after a counted day")
        #expect(try warnings([try fixture.plain("d29.log", lines("ann", day: 29, count: 5))]).isEmpty)
        // A night whose lines were all unattributed (or excluded) was counted all the same.
        func december(_ day: Int, user: String) -> [String] {
            (0..<5).map { second in
                PipelineFixture.combinedLine(user: user, time: String(format: "%02d/Dec/2026:10:00:%02d +0000", day, second))
            }
        }
        #expect(try warnings([try fixture.plain("dec01.log", december(1, user: "-"))]).isEmpty)
        #expect(try warnings([try fixture.plain("dec02.log", december(2, user: "ann"))]).isEmpty, "the night before counted nobody, but was counted")
        let afterGap = try warnings([try fixture.plain("dec05.log", december(5, user: "ann"))])
        #expect(afterGap.count == 1 && afterGap[0].contains("of 2026-12-03 to 2026-12-04"), "\(afterGap)")
    }

    @Test("a short log that starts like a longer one counted before is counted, with a warning that it may be a copy")
    func shortCopyIsNamed() throws {
        let all = lines("ann", day: 21, count: 400) // about 32 KB: recognised only whole
        _ = try run([try fixture.plain("multi.log", all)])
        let capture = LogCapture()
        let outcome = try audit.run(
            inputs: [try fixture.plain("day.log", Array(all[..<200]))], asOf: nil, state: SQLiteStateStore(path: statePath),
            workers: 2, logger: capture.logger())
        #expect(outcome.result.inputs[0].content.name == "new")
        #expect(try storedUnits("ann") == 600)
        #expect(capture.lines.contains { $0.contains("day.log: counted as new, but it starts with the first line of ") && $0.contains("multi.log, counted before and longer") },
                "\(capture.lines)")
    }

    @Test("reports from nightly runs equal those of one backfill, for the last night's buckets")
    func nightlyEqualsBackfill() throws {
        var files: [InputSource] = []
        for day in 1...12 {
            files.append(try fixture.gzipped("access-\(day).log.gz", lines("ann", day: day, count: day * 3) + lines("cy", day: day, count: 5)))
        }
        var nightly: AuditOutcome?
        for file in files { nightly = try run([file]) }
        let backfill = try audit.run(
            inputs: files, asOf: nil, state: SQLiteStateStore(path: fixture.folder.file("backfill.sqlite")),
            workers: 2, logger: PipelineFixture.silentLogger)
        let lastNight = try #require(nightly)
        #expect(!lastNight.usageRows.isEmpty)
        for row in lastNight.usageRows {
            #expect(backfill.usageRows.contains(row), "\(row)")
        }
        // The month bucket holds all twelve days in both.
        #expect(lastNight.usageRows.first { $0.user == "ann" && $0.period == .day && $0.bucket.start.description == "2026-11-12" }?.counts.units == 36)
    }
}
