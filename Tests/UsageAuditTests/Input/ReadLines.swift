@testable import UsageAudit

/// The lines a `LineReader` delivers from `source`, as strings, and the error that ended it.
struct ReadLines {
    var lines: [InputLineCopy] = []
    var error: (any Error)?

    var texts: [String] { lines.map(\.text) }

    init(_ source: inout some ByteSource, reader: LineReader = LineReader()) {
        var reader = reader
        var lines: [InputLineCopy] = []
        do {
            try reader.forEachLine(in: &source) { lines.append(InputLineCopy($0)) }
        } catch {
            self.error = error
        }
        self.lines = lines
    }
}

/// An `InputLine` copied out of the reader's buffer.
struct InputLineCopy: Equatable {
    var text: String
    var number: Int
    var isTruncated: Bool
    var isCutByDamage: Bool

    init(_ line: InputLine) {
        text = String(decoding: line.bytes, as: UTF8.self)
        number = line.number
        isTruncated = line.isTruncated
        isCutByDamage = line.isCutByDamage
    }
}

/// `count` numbered log-like lines, each ending in `\n`, of varied lengths.
func sampleLogLines(_ count: Int, from first: Int = 1) -> [String] {
    (first..<(first + count)).map { index in
        "10.0.\(index % 256).\(index % 7) - user\(index % 13) [line \(index)] \"GET /api/v1/items/\(index)?q="
            + String(repeating: "x", count: index % 50) + "\" 200 \(index * 17)\n"
    }
}
