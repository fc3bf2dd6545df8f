/// Walks one line holding a JSON object, once, and captures the values of the wanted paths.
///
/// Keys are matched against a `JSONPathTrie`; objects on the way to a wanted path are
/// entered, everything else is skipped without being decoded. Wanted strings are unescaped
/// and wanted numbers and booleans copied into `scratch`, which must hold at least as many
/// bytes as the line (an unescaped value is never longer than its escaped form).
///
/// The object the line consists of, and every object on a wanted path, is checked against
/// the JSON grammar, except that raw control characters in strings are tolerated; values
/// that are skipped are only checked for balanced brackets and closed strings. Nothing here allocates or recurses deeper than the longest wanted path.
struct JSONObjectScanner {
    private let text: UnsafeBufferPointer<UInt8>
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    private let trie: JSONPathTrie
    private var index = 0
    /// How many bytes of `scratch` the captured values use.
    private(set) var used = 0

    init(text: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>, trie: JSONPathTrie) {
        self.text = text
        self.scratch = scratch
        self.trie = trie
    }

    /// Scans the whole line; `captures` (one per trie slot) receive the values found.
    /// A UTF-8 byte order mark (as the first line of a file may carry) is skipped.
    mutating func scanLine(into captures: inout [JSONCapture]) throws(JSONSyntaxError) {
        if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < text.count, text[index] == JSONByte.openBrace else { throw .notAnObject }
        try scanObject(node: JSONPathTrie.root, into: &captures)
        skipWhitespace()
        guard index == text.count else { throw .trailingBytes }
    }

    /// Reads the object at `index` (on its `{`), whose keys are walked from trie `node`.
    private mutating func scanObject(node: Int32, into captures: inout [JSONCapture]) throws(JSONSyntaxError) {
        index += 1
        skipWhitespace()
        if index < text.count, text[index] == JSONByte.closeBrace {
            index += 1
            return
        }
        while true {
            guard index < text.count else { throw .truncated }
            guard text[index] == ASCII.quote else { throw .expectedKey }
            let keyNode = try readKey(from: node)
            skipWhitespace()
            guard index < text.count else { throw .truncated }
            guard text[index] == ASCII.colon else { throw .expectedColon }
            index += 1
            skipWhitespace()
            try readValue(at: keyNode, into: &captures)
            skipWhitespace()
            guard index < text.count else { throw .truncated }
            switch text[index] {
            case JSONByte.comma:
                index += 1
                skipWhitespace()
            case JSONByte.closeBrace:
                index += 1
                return
            default:
                throw .expectedCommaOrBrace
            }
        }
    }

    /// Reads the key at `index` (on its quote) and returns the trie node it leads to.
    private mutating func readKey(from node: Int32) throws(JSONSyntaxError) -> Int32? {
        let start = index + 1
        let (end, escaped) = try endOfString(from: start)
        index = end + 1
        guard escaped else { return trie.walk(from: node, slice(start, end)) }
        let mark = used
        let span = try unescape(from: start, to: end)
        used = mark
        return trie.walk(from: node, UnsafeBufferPointer(rebasing: scratch[Int(span.start)..<Int(span.end)]))
    }

    /// Reads the value at `index`; `node` is the trie node of its key, nil when unwanted.
    private mutating func readValue(at node: Int32?, into captures: inout [JSONCapture]) throws(JSONSyntaxError) {
        guard index < text.count else { throw .truncated }
        guard let node else { return try skipValue() }
        let slot = trie.slot(at: node)
        switch text[index] {
        case JSONByte.openBrace:
            if let next = trie.child(of: node, JSONByte.dot) {
                try scanObject(node: next, into: &captures)
            } else {
                try skipContainer()
            }
        case JSONByte.openBracket:
            guard let slot else { return try skipContainer() }
            try captureFirstElement(into: &captures[slot])
        default:
            let capture = try readScalar(keeping: slot != nil)
            if let slot { captures[slot] = capture }
        }
    }

    /// Captures the first element of the array at `index` when it is a scalar (Caddy logs
    /// each header as an array of strings), then skips the whole array.
    private mutating func captureFirstElement(into capture: inout JSONCapture) throws(JSONSyntaxError) {
        let start = index
        index += 1
        skipWhitespace()
        guard index < text.count else { throw .truncated }
        switch text[index] {
        case JSONByte.closeBracket, JSONByte.openBracket, JSONByte.openBrace:
            break
        default:
            capture = try readScalar(keeping: true)
        }
        index = start
        try skipContainer()
    }

    private mutating func skipValue() throws(JSONSyntaxError) {
        switch text[index] {
        case JSONByte.openBrace, JSONByte.openBracket: try skipContainer()
        default: _ = try readScalar(keeping: false)
        }
    }

    /// Reads the string, number or literal at `index`; copies it to `scratch` when `keeping`.
    private mutating func readScalar(keeping: Bool) throws(JSONSyntaxError) -> JSONCapture {
        let first = text[index]
        switch first {
        case ASCII.quote:
            let start = index + 1
            let (end, escaped) = try endOfString(from: start)
            index = end + 1
            guard keeping else { return .absent }
            let span = escaped ? try unescape(from: start, to: end) : try copy(from: start, to: end)
            return JSONCapture(kind: .string, span: span)
        case JSONByte.lowerT, JSONByte.lowerF:
            let start = index
            try expectLiteral(first == JSONByte.lowerT ? "true" : "false")
            return keeping ? JSONCapture(kind: .boolean, span: try copy(from: start, to: index)) : .absent
        case JSONByte.lowerN:
            try expectLiteral("null")
            return JSONCapture(kind: .null, span: .empty)
        case ASCII.dash, ASCII.zero...(ASCII.zero + 9):
            let start = index
            try skipNumber()
            return keeping ? JSONCapture(kind: .number, span: try copy(from: start, to: index)) : .absent
        default:
            throw .invalidValue
        }
    }

    /// Skips the object or array at `index`, checking only that brackets balance and strings close.
    private mutating func skipContainer() throws(JSONSyntaxError) {
        var depth = 0
        while index < text.count {
            switch text[index] {
            case ASCII.quote:
                index = try endOfString(from: index + 1).end
            case JSONByte.openBrace, JSONByte.openBracket:
                depth += 1
            case JSONByte.closeBrace, JSONByte.closeBracket:
                depth -= 1
                if depth == 0 {
                    index += 1
                    return
                }
            default:
                break
            }
            index += 1
        }
        throw .truncated
    }

    /// Skips a number written as JSON allows: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func skipNumber() throws(JSONSyntaxError) {
        if text[index] == ASCII.dash { index += 1 }
        guard index < text.count, ASCII.isDigit(text[index]) else { throw .invalidNumber }
        if text[index] == ASCII.zero {
            index += 1
        } else {
            skipDigits()
        }
        if index < text.count, text[index] == JSONByte.dot {
            index += 1
            guard index < text.count, ASCII.isDigit(text[index]) else { throw .invalidNumber }
            skipDigits()
        }
        if index < text.count, text[index] | 0x20 == JSONByte.lowerE {
            index += 1
            if index < text.count, text[index] == JSONByte.plus || text[index] == ASCII.dash { index += 1 }
            guard index < text.count, ASCII.isDigit(text[index]) else { throw .invalidNumber }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while index < text.count, ASCII.isDigit(text[index]) { index += 1 }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= text.count, ASCII.equals(slice(index, index + count), literal) else {
            throw .invalidValue
        }
        index += count
    }

    private mutating func skipWhitespace() {
        while index < text.count {
            switch text[index] {
            case ASCII.space, ASCII.tab, JSONByte.lineFeed, JSONByte.carriageReturn: index += 1
            default: return
            }
        }
    }

    /// The offset of the quote that closes the string starting at `start`, and whether
    /// the string holds escapes.
    private func endOfString(from start: Int) throws(JSONSyntaxError) -> (end: Int, escaped: Bool) {
        var position = start
        var escaped = false
        while position < text.count {
            switch text[position] {
            case ASCII.quote:
                return (position, escaped)
            case ASCII.backslash:
                escaped = true
                position += 2
            default:
                position += 1
            }
        }
        throw .truncated
    }

    @inline(__always)
    private func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[start..<end])
    }

    /// Copies `text[start..<end]` to the end of the used part of `scratch`.
    private mutating func copy(from start: Int, to end: Int) throws(JSONSyntaxError) -> ByteSpan {
        let count = end - start
        guard count > 0 else { return ByteSpan(start: used, end: used) }
        guard used + count <= scratch.count, let target = scratch.baseAddress, let source = text.baseAddress else {
            throw .invalidValue
        }
        (target + used).update(from: source + start, count: count)
        used += count
        return ByteSpan(start: used - count, end: used)
    }

    /// Unescapes the string body `text[start..<end]` to the end of the used part of `scratch`.
    private mutating func unescape(from start: Int, to end: Int) throws(JSONSyntaxError) -> ByteSpan {
        guard used < scratch.count else { throw .invalidValue }
        let target = UnsafeMutableBufferPointer(rebasing: scratch[used...])
        guard let written = JSONStringDecoder.unescape(slice(start, end), into: target) else { throw .invalidEscape }
        used += written
        return ByteSpan(start: used - written, end: used)
    }
}
