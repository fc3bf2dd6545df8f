/// A JSON document with ordered object keys, rendered deterministically.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public init(_ value: ReportValue) {
        switch value {
        case .text(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .decimal(let number): self = .number(number)
        case .empty: self = .null
        }
    }

    public init(_ text: String?) {
        self = text.map { .string($0) } ?? .null
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
    }

    /// The document as text; `pretty` indents by two spaces.
    public func rendered(pretty: Bool) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .integer(let number): output += String(number)
        case .number(let number): output += Self.format(number)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &output, pretty: pretty, indent: indent)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &output, pretty: pretty, indent: indent)
        }
    }

    private func writeContainer(_ items: [(String?, JSONValue)], open: String, close: String, to output: inout String, pretty: Bool, indent: Int) {
        output += open
        guard !items.isEmpty else { output += close; return }
        let inner = String(repeating: "  ", count: indent + 1)
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { output += "," }
            if pretty { output += "\n" + inner }
            if let key {
                Self.writeString(key, to: &output)
                output += pretty ? ": " : ":"
            }
            value.write(to: &output, pretty: pretty, indent: indent + 1)
        }
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
        output += close
    }

    /// A finite number with at most 6 decimals and no trailing zeros; non-finite becomes 0.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "0" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        // Rounding to 6 decimals would overflow to infinity; such numbers have no fraction worth
        // showing, and Swift writes them as valid JSON (`1e+300`).
        if abs(number) >= 1e15 { return String(number) }
        var text = String(Double((number * 1_000_000).rounded() / 1_000_000))
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c" // safe to embed in HTML <script>
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

extension JSONValue {
    /// Appends `text` as a JSON string, byte for byte as `writeString(_:to:)` writes it into
    /// a `String` (UTF-8 passes through; quotes, backslashes, control characters and `<`
    /// are escaped).
    static func writeString(_ text: String, to output: inout ReportOutput) {
        output.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { bytes in
            guard EscapeScan.needsJSONEscape(bytes) else {
                output.append(contentsOf: bytes)
                return
            }
            var clean = 0
            for (index, byte) in bytes.enumerated() {
                let escape: StaticString
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x3C: escape = "\\u003c"
                case 0..<0x20: escape = ""
                default: continue
                }
                if clean < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean..<index])) }
                clean = index + 1
                if escape.utf8CodeUnitCount > 0 {
                    output.append(escape)
                } else {
                    output.append("\\u00")
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            if clean < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[clean...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
