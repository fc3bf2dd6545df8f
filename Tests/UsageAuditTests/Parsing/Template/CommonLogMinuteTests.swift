import Testing
@testable import UsageAudit

@Suite("Common-log minute: a new time of the last minute read from its seconds")
struct CommonLogMinuteTests {
    /// Minutes near the edges: the supported range's ends, offsets with and without a colon,
    /// `Z`, a leap day, and plain ones.
    static let minutes = [
        "10/Oct/2000:13:55:", "29/Feb/2024:23:59:", "31/Dec/9999:23:59:", "01/Jan/0000:00:00:",
        "10/OCT/2000:13:55:", "10/September/2000:13:55:", "31/Feb/2024:10:00:",
    ]
    /// Bracketed times on the fast path and the walk, and an unbracketed one whose space
    /// cuts the plain split short (the walk widens it).
    static let formats: [(format: String, usesFastPath: Bool)] = [
        ("combined", true), ("combined", false),
        (#"$remote_addr - $remote_user [$time_local] "$request" $status"#, true),
        (#"$remote_addr $time_local "$request" $status"#, true),
    ]
    static let offsets = [" +0000", " -0700", " +05:30", " Z", " +0100"]
    static let seconds = ["00", "07", "13", "29", "42", "58", "59", "60", "61", "99", "6a", " 5", "-1", "5"]

    @Test("random runs of times read as a parser without history reads each")
    func runsAgreeWithFreshParsers() throws {
        var generator = SeededRandom(seed: 0x7157)
        var parsedLines = 0
        defer { #expect(parsedLines > 500, "enough drawn times read for the minute to be reused") }
        for (format, usesFastPath) in Self.formats {
            var harness = try TemplateHarness(format, usesFastPath: usesFastPath)
            let bracketed = format.contains("[")
            // Draw a few minutes at a time, so that most lines share the last line's minute.
            for _ in 0..<150 {
                let minute = Self.minutes.randomElement(using: &generator)!
                let offset = Self.offsets.randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 1...12, using: &generator) {
                    let time = minute + Self.seconds.randomElement(using: &generator)! + offset
                    let line = bracketed
                        ? #"10.0.0.1 - - ["# + time + #"] "GET / HTTP/1.1" 200"# + (format == "combined" ? #" 5 "-" "ua""# : "")
                        : "10.0.0.1 " + time + #" "GET / HTTP/1.1" 200"#
                    var fresh = try TemplateHarness(format, usesFastPath: usesFastPath)
                    let expected = fresh.parse(line)
                    let parsed = harness.parse(line)
                    #expect(parsed.result == expected.result, "\(time)")
                    if expected.isParsed { parsedLines += 1 }
                    if expected.isParsed { #expect(parsed.timestamp == expected.timestamp, "\(time)") }
                }
            }
        }
    }

    @Test("a remembered minute gives the seconds' instant; 60 counts as 59; others are left to the full read")
    func minuteArithmetic() {
        var minute = CommonLogMinute()
        let start = utcSeconds(2000, 10, 10, 20, 55, 0)
        func instant(_ time: String) -> Int64? {
            Array(time.utf8).withUnsafeBufferPointer { minute.instant(of: $0, held: TimeBytes($0)) }
        }
        #expect(instant("10/Oct/2000:13:55:36 -0700") == nil, "nothing remembered yet")
        Array("10/Oct/2000:13:55:36 -0700".utf8).withUnsafeBufferPointer { minute.remember($0, instant: start + 36) }
        #expect(instant("10/Oct/2000:13:55:36 -0700") == start + 36)
        #expect(instant("10/Oct/2000:13:55:00 -0700") == start)
        #expect(instant("10/Oct/2000:13:55:59 -0700") == start + 59)
        #expect(instant("10/Oct/2000:13:55:60 -0700") == start + 59)
        #expect(instant("10/Oct/2000:13:55:61 -0700") == nil)
        #expect(instant("10/Oct/2000:13:55:3x -0700") == nil)
        #expect(instant("10/Oct/2000:13:56:36 -0700") == nil, "another minute")
        #expect(instant("10/Oct/2000:13:55:36 -0600") == nil, "another offset")
        #expect(instant("10/Oct/2000:13:55:36 -07:00") == nil, "another length")
    }

    @Test("two bytes are ignored wherever they fall, across the held words too")
    func ignoringTwoBytes() {
        let text = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        for count in [2, 9, 17, 26, 32] {
            let held = text.prefix(count).withUnsafeBufferPointer { TimeBytes($0) }
            for position in 0...(count - 2) {
                for changed in 0..<count {
                    var other = Array(text.prefix(count))
                    other[changed] ^= 0x40
                    let ignored = changed == position || changed == position + 1
                    let same = other.withUnsafeBufferPointer { held.holds(TimeBytes($0), ignoringTwoBytesAt: position) }
                    #expect(same == ignored, "count \(count), position \(position), changed \(changed)")
                }
            }
            #expect(!text.prefix(count - 1).withUnsafeBufferPointer { held.holds(TimeBytes($0), ignoringTwoBytesAt: 0) })
        }
        // Bytes past 32 are not held: two such fields are never taken for each other.
        let long = (text + text).prefix(40).withUnsafeBufferPointer { TimeBytes($0) }
        #expect(!long.holds(long, ignoringTwoBytesAt: 0))
    }
}
