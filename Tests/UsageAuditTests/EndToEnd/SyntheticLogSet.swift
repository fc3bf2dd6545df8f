import Foundation

/// Writes synthetic traffic as a rotated set of log files in a folder, the way a server
/// leaves them, and records what a reader can get out of each:
///
///     logs/access.log            plain, with malformed lines at known line numbers
///     logs/access.log.1          one gzip member (fixed Huffman), no .gz in the name
///     logs/access.log.2.gz       three gzip members (stored, fixed Huffman, stored)
///     logs/access.log.3.gz       gzip cut off in the middle of a line (damaged)
///     logs/old/access.log.4.gz   plain text despite its name, in a sub-folder
struct SyntheticLogSet {
    /// One file and what a correct reader finds in it.
    struct Input {
        /// Relative to the run's working directory (`logs/access.log`).
        var path: String
        /// The requests on the complete lines a reader can decode.
        var requests: [SyntheticRequest]
        /// Malformed lines: 1-based line number and the bytes (without line break).
        var malformed: [(line: Int, bytes: [UInt8])]
        var fileSize: Int
        var isDamaged: Bool
    }

    var inputs: [Input]

    /// Every request a reader can count, across inputs.
    var readableRequests: [SyntheticRequest] { inputs.flatMap(\.requests) }

    /// The malformed lines written into `logs/access.log`, in order. None holds a key.
    static let malformedLines: [[UInt8]] = [
        Array("this is not an access log line".utf8),
        Array(#"192.0.2.99 - alice [29/Mrz/2026:10:00:00 +0100] "GET /api/search?q=x HTTP/1.1" 200 12 "-" "curl/8.5.0" "-" -"#.utf8),
        Array((#"198.51.100.7 - - [01/Mar/2026:10:00:00 +0100] "GET /"# + String(repeating: "a", count: 220)).utf8),
        [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0xC3, 0x28, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x7F, 0x20, 0x41],
    ]
    /// After how many request lines of `logs/access.log` each malformed line goes.
    static let malformedPositions = [2, 7, 15, 30]

    /// Distributes `traffic` over the five files (each in time order) and writes them into
    /// `folder/logs`.
    static func write(_ traffic: SyntheticTraffic, into folder: EndToEndFolder, seed: UInt64) throws -> SyntheticLogSet {
        var random = SeededRandom(seed: seed)
        var buckets = Array(repeating: [SyntheticRequest](), count: 5)
        for request in traffic.requests {
            // `midnight`'s hand-checked requests must all be readable: never in the cut file.
            let file = Int.random(in: 0..<5, using: &random)
            buckets[request.remoteUser == "midnight" && file == 3 ? 1 : file].append(request)
        }
        buckets = buckets.map { $0.sorted { $0.time < $1.time } }
        var inputs: [Input] = []

        // Plain, with malformed lines.
        var lines = buckets[0].map { Array($0.line.utf8) }
        var malformed: [(line: Int, bytes: [UInt8])] = []
        for (bad, position) in zip(malformedLines, malformedPositions).reversed() {
            lines.insert(bad, at: position)
        }
        for (bad, position) in zip(malformedLines, malformedPositions) {
            malformed.append((line: position + 1 + malformed.count, bytes: bad))
        }
        let plain = joined(lines)
        try folder.write(Data(plain), to: "logs/access.log")
        inputs.append(Input(path: "logs/access.log", requests: buckets[0], malformed: malformed, fileSize: plain.count, isDamaged: false))

        // One fixed-Huffman member, named without .gz.
        let single = GzipMemberEncoder.member(joined(buckets[1].map { Array($0.line.utf8) }), style: .fixedHuffman, blockSize: 3000).bytes
        try folder.write(Data(single), to: "logs/access.log.1")
        inputs.append(Input(path: "logs/access.log.1", requests: buckets[1], malformed: [], fileSize: single.count, isDamaged: false))

        // Three members.
        let third = buckets[2].count / 3
        let parts = [buckets[2][..<third], buckets[2][third..<(2 * third)], buckets[2][(2 * third)...]]
        var multi: [UInt8] = []
        for (part, style) in zip(parts, [GzipMemberEncoder.BlockStyle.stored, .fixedHuffman, .stored]) {
            multi += GzipMemberEncoder.member(joined(part.map { Array($0.line.utf8) }), style: style, blockSize: 1000).bytes
        }
        try folder.write(Data(multi), to: "logs/access.log.2.gz")
        inputs.append(Input(path: "logs/access.log.2.gz", requests: buckets[2], malformed: [], fileSize: multi.count, isDamaged: false))

        // Cut off in the middle of a line about two thirds in.
        inputs.append(try writeTruncated(buckets[3], into: folder))

        // Plain text with a .gz name.
        let disguised = joined(buckets[4].map { Array($0.line.utf8) })
        try folder.write(Data(disguised), to: "logs/old/access.log.4.gz")
        inputs.append(Input(path: "logs/old/access.log.4.gz", requests: buckets[4], malformed: [], fileSize: disguised.count, isDamaged: false))
        return SyntheticLogSet(inputs: inputs)
    }

    /// Writes `requests` as a fixed-Huffman member cut so that the decodable bytes end at
    /// least 20 bytes into a line and at least 20 bytes before its end: the lines before
    /// it are complete, the cut one is malformed, the rest is lost.
    private static func writeTruncated(_ requests: [SyntheticRequest], into folder: EndToEndFolder) throws -> Input {
        let lines = requests.map { Array($0.line.utf8) }
        let member = GzipMemberEncoder.member(joined(lines), style: .fixedHuffman, blockSize: 2500)
        let cutLine = lines.count * 2 / 3
        let lineStart = lines[..<cutLine].reduce(0) { $0 + $1.count + 1 }
        let target = lineStart + lines[cutLine].count / 2
        var cut = GzipMemberEncoder.header.count
        while member.decodableBytes(inFirst: cut) < target { cut += 1 }
        let decodable = member.decodableBytes(inFirst: cut)
        guard decodable >= lineStart + 20, decodable <= lineStart + lines[cutLine].count - 20 else {
            throw EndToEndFailure("could not place the gzip cut inside line \(cutLine + 1)")
        }
        let bytes = Array(member.bytes[..<cut])
        try folder.write(Data(bytes), to: "logs/access.log.3.gz")
        let partial = Array(lines[cutLine][..<(decodable - lineStart)])
        return Input(
            path: "logs/access.log.3.gz", requests: Array(requests[..<cutLine]),
            malformed: [(line: cutLine + 1, bytes: partial)], fileSize: bytes.count, isDamaged: true)
    }

    /// Lines joined with `\n`, each line ending with one.
    private static func joined<Lines: Sequence>(_ lines: Lines) -> [UInt8] where Lines.Element == [UInt8] {
        var bytes: [UInt8] = []
        for line in lines {
            bytes += line
            bytes.append(0x0A)
        }
        return bytes
    }
}
