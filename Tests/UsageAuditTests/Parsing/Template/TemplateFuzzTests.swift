import Testing
@testable import UsageAudit


@Suite("Template parser on random and mutated lines")
struct TemplateFuzzTests {
    static let cases: [(format: String, sample: String)] = [
        ("common", #"in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET /shuttle/missions/sts-68/news.txt HTTP/1.0" 200 1839"#),
        ("combined", #"83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /a?b=1 HTTP/1.1" 200 203023 "http://x/" "Mozilla \"q\" 5.0""#),
        ("vcombined", #"api.example.com:443 203.0.113.9 - alice [10/Oct/2000:13:55:36 -0700] "GET /v1 HTTP/1.1" 200 2326 "-" "curl/8.0""#),
        ("elb", #"2015-05-13T23:39:43.945958Z lb 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2"#),
        ("alb", TemplatePresetTests.albLine),
        (ApacheTemplateTests.netneaExtended,
         #"75.249.65.145 US - [2015-09-02 10:42:51.003372] "GET /cms/ HTTP/1.1" 200 7113 "-" "Googlebot" www.example.com 124.165.3.7 443 redirect-handler - + "-" Vea2i8CoAwcAADevXAgAAAAB TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 701 12118 -% 88871 803 0 0 0 0"#),
        (#"[$time_local] "$request_method $scheme://$host$request_uri $server_protocol" $status $uri$is_args$args"#,
         #"[04/Oct/2024:10:00:00 +0000] "GET https://api.example.com/v1/a?x=1 HTTP/1.1" 200 /v1/a?x=1"#),
        (#"%{sec}t %h "%m %U%q %H" %>s %{X-Api-Key}i"#, #"1700000000 10.0.0.1 "GET /v1/a?key=abc HTTP/1.1" 200 k1"#),
    ]

    static let alphabet: [UInt8] = Array(#" "\[]:/?-.0123456789%$ \"#.utf8) + [0x00, 0x0D, 0x7F, 0x80, 0xC3, 0xFF]

    @Test("no input traps, and every span of a parsed line lies inside the line")
    func randomAndMutatedLines() throws {
        var generator = SeededRandom(seed: 0x5EED)
        for (format, sample) in Self.cases {
            var harness = try TemplateHarness(format)
            let sampleBytes = Array(sample.utf8)
            #expect(harness.parse(bytes: sampleBytes).isParsed, "sample of \(format)")
            var parsedCount = 0
            for round in 0..<4000 {
                let line = round % 4 == 0
                    ? Self.randomLine(using: &generator)
                    : Self.mutated(sampleBytes, times: Int.random(in: 1...4, using: &generator), using: &generator)
                if check(line, with: &harness) { parsedCount += 1 }
            }
            // Most single mutations keep a line parseable; the generator must reach the deep paths.
            #expect(parsedCount > 200, "\(format): only \(parsedCount) mutated lines parsed")
        }
    }

    /// Parses `line` and checks the record's invariants; whether it parsed.
    private func check(_ line: [UInt8], with harness: inout TemplateHarness) -> Bool {
        line.withUnsafeBufferPointer { buffer in
            let result = harness.parser.parse(buffer, into: &harness.record)
            guard result == .parsed else { return false }
            let record = harness.record
            let spans = [record.remoteAddress, record.remoteUser, record.method, record.path, record.query] + record.fields
            for span in spans where !span.isEmpty {
                #expect(span.start >= 0 && span.end <= Int32(buffer.count), "span \(span) outside line \(buffer.count)")
            }
            // 0: the line logged '-' for it (no response).
            #expect(record.status == 0 || (100...999).contains(record.status), "status \(record.status) in \(String(decoding: line, as: UTF8.self))")
            return true
        }
    }

    static func randomLine(using generator: inout SeededRandom) -> [UInt8] {
        let length = Int.random(in: 0...200, using: &generator)
        return (0..<length).map { _ in
            Bool.random(using: &generator)
                ? Self.alphabet.randomElement(using: &generator)!
                : UInt8.random(in: 0...255, using: &generator)
        }
    }

    static func mutated(_ sample: [UInt8], times: Int, using generator: inout SeededRandom) -> [UInt8] {
        var line = sample
        for _ in 0..<times {
            let position = line.isEmpty ? 0 : Int.random(in: 0..<line.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0 where !line.isEmpty: line.remove(at: position)
            case 1: line.insert(Self.alphabet.randomElement(using: &generator)!, at: position)
            case 2 where !line.isEmpty: line[position] = UInt8.random(in: 0...255, using: &generator)
            case 3: line = Array(line.prefix(position))
            case 4 where !line.isEmpty:
                let end = min(line.count, position + Int.random(in: 1...20, using: &generator))
                line.insert(contentsOf: line[position..<end], at: position)
            default:
                if !line.isEmpty { line[position] = Self.alphabet.randomElement(using: &generator)! }
            }
        }
        return line
    }
}
