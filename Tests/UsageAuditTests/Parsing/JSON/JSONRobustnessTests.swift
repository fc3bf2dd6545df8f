import Testing
@testable import UsageAudit

@Suite struct JSONRobustnessTests {

    static let valid = Array(
        #"{"time":"2023-11-14T22:13:20Z","request":"GET /a?b=\u00e9 HTTP/1.1","status":200,"h":{"x":["\ud83d\ude00"]}}"#.utf8
    )

    func makeProbe() throws -> FormatLineProbe {
        try FormatLineProbe(JSONLogFormat(mapping: ["key": "h.x"]), fields: ["key", "h", "status"])
    }

    @Test func everyTruncationOfAValidLineIsMalformed() throws {
        var probe = try makeProbe()
        #expect(probe.parse(bytes: Self.valid).result == .parsed)
        #expect(probe.parse(bytes: Self.valid).fields["key"] == "😀")
        for length in 1..<Self.valid.count {
            let line = probe.parse(bytes: Array(Self.valid[..<length]))
            #expect(FormatLineProbe.isMalformed(line.result), "prefix of \(length) bytes")
        }
    }

    @Test func survivesMutatedLines() throws {
        var probe = try makeProbe()
        var generator = SeededRandom(seed: 42)
        let alphabet = Array(#"{}[]":,\ tfnrue0123456789.-+Eu"#.utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        for _ in 0..<20_000 {
            var bytes = Self.valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = alphabet.randomElement(using: &generator)!
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet.randomElement(using: &generator)!, at: position)
                }
                if bytes.isEmpty { break }
            }
            let line = probe.parse(bytes: bytes)
            #expect(line.spansInBounds)
        }
    }

    @Test func survivesRandomBytes() throws {
        var probe = try makeProbe()
        var generator = SeededRandom(seed: 7)
        let alphabet = Array(#"{}[]":,\ tfnrue0123456789.-+Eu"#.utf8)
        var parsed = 0
        for round in 0..<20_000 {
            let count = Int.random(in: 0...120, using: &generator)
            let bytes: [UInt8] = (0..<count).map { _ in
                round % 2 == 0 ? UInt8.random(in: 0...255, using: &generator) : alphabet.randomElement(using: &generator)!
            }
            let line = probe.parse(bytes: [0x7B] + bytes)
            #expect(line.spansInBounds)
            if line.result == .parsed { parsed += 1 }
        }
        #expect(parsed < 20_000)
    }

    @Test func survivesDeepNesting() throws {
        var probe = try makeProbe()
        let depth = 100_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let line = probe.parse(#"{"time":1700000000,"uri":"/","skip":"# + deep + "}")
        #expect(line.result == .parsed)
        let unbalanced = probe.parse(#"{"time":1700000000,"uri":"/","skip":"# + String(repeating: "{[", count: depth) + "}")
        #expect(FormatLineProbe.isMalformed(unbalanced.result))
        let wantedDeep = probe.parse(#"{"time":1700000000,"uri":"/","h":"# + String(repeating: #"{"h":"#, count: depth) + "1" + String(repeating: "}", count: depth + 1))
        #expect(wantedDeep.result == .parsed)
    }
}
