import Foundation
import Testing

/// Nightly runs over W3C logs (IIS, CloudFront), whose files all begin with the same
/// `#Software:` / `#Version:` header lines: each night's log is new to the state store,
/// under a fixed name and through standard input alike.
@Suite("End to end: W3C logs night after night")
struct HeaderedLogNightlyTests {
    static let configuration = """
        timezone = "UTC"

        [log]
        format = "w3c"

        [[quota]]
        scope = "all"
        period = "day"
        default = 100

        """

    /// One day's IIS log: the usual header, then `count` requests of `user`.
    static func log(day: Int, user: String, count: Int) -> String {
        var text = """
            #Software: Microsoft Internet Information Services 10.0
            #Version: 1.0
            #Date: 2026-05-0\(day) 00:00:00
            #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken

            """
        for minute in 0..<count {
            text += "2026-05-0\(day) 10:\(String(format: "%02d", minute)):00 10.0.0.1 GET /api/x - 443 \(user) 192.0.2.7 curl 200 0 0 5\n"
        }
        return text
    }

    static let nights = [(user: "alice", count: 5), (user: "bob", count: 7), (user: "carol", count: 3)]

    /// The `all`/`day` requests per user in the run's usage.csv.
    static func requests(folder: EndToEndFolder, out: String) throws -> [String: String] {
        let csv = try String(contentsOf: folder.file("\(out)/usage.csv"), encoding: .utf8)
        var requests: [String: String] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if cells[1] == "all", cells[2] == "day" { requests[cells[0]] = cells[5] }
        }
        return requests
    }

    @Test("the same file name every night: every night's requests are counted, none refused as rewritten")
    func fixedName() throws {
        let folder = try EndToEndFolder(prefix: "w3c")
        defer { folder.remove() }
        try folder.write(Self.configuration, to: "config.toml")
        for (night, (user, count)) in Self.nights.enumerated() {
            try folder.write(Self.log(day: night + 1, user: user, count: count), to: "u_ex.log")
            let run = try AuditBinary.run(
                ["run", "--config", "config.toml", "--state", "state.sqlite", "--out", "out\(night)", "u_ex.log"], in: folder.url)
            #expect(run.exitCode == 0, "night \(night + 1): \(run.summary)")
            #expect(try Self.requests(folder: folder, out: "out\(night)")[user] == "\(count)", "night \(night + 1)")
        }
    }

    @Test("through standard input every night: every night's requests are counted; the same night again adds nothing")
    func standardInput() throws {
        let folder = try EndToEndFolder(prefix: "w3c-stdin")
        defer { folder.remove() }
        try folder.write(Self.configuration, to: "config.toml")
        func night(_ index: Int, out: String) throws -> CommandRun {
            let (user, count) = Self.nights[index]
            return try AuditBinary.run(
                ["run", "--config", "config.toml", "--state", "state.sqlite", "--out", out, "-"], in: folder.url,
                input: Data(Self.log(day: index + 1, user: user, count: count).utf8))
        }
        for index in Self.nights.indices {
            let run = try night(index, out: "out\(index)")
            #expect(run.exitCode == 0, "night \(index + 1): \(run.summary)")
            #expect(try Self.requests(folder: folder, out: "out\(index)")[Self.nights[index].user] == "\(Self.nights[index].count)")
        }
        // The last night piped again is recognised, not counted twice.
        let again = try night(Self.nights.count - 1, out: "again")
        #expect(again.exitCode == 0, "\(again.summary)")
        #expect(try Self.requests(folder: folder, out: "again")["carol"] == "3")
    }
}
