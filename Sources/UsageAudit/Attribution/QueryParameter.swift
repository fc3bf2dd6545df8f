/// Finds and decodes one parameter of a query string (`a=1&api_key=XYZ`).
enum QueryParameter {
    /// The raw (still percent-encoded) value of the first parameter `name`, or nil when the
    /// query has none or that value is empty; `decode(_:into:)` decodes it.
    static func rawValue(named name: [UInt8], in query: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        // A query logged with its '?' (a JSON log's query field) starts after it.
        var start = query.first == 0x3F ? 1 : 0
        while start < query.count {
            var end = start
            while end < query.count, query[end] != 0x26, query[end] != 0x3B { end += 1 } // '&' or ';'
            if end - start > name.count, query[start + name.count] == 0x3D, matches(name, query, at: start) {
                let raw = UnsafeBufferPointer(rebasing: query[(start + name.count + 1)..<end])
                return raw.isEmpty ? nil : raw
            }
            start = end + 1
        }
        return nil
    }

    private static func matches(_ name: [UInt8], _ query: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for index in 0..<name.count where query[start + index] != name[index] { return false }
        return true
    }

    /// Percent-decoding; `+` is kept (API keys never contain spaces, but may contain `+`).
    static func decode(_ encoded: UnsafeBufferPointer<UInt8>, into value: inout [UInt8]) {
        value.removeAll(keepingCapacity: true)
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == 0x25, index + 2 < encoded.count, let high = hex(encoded[index + 1]), let low = hex(encoded[index + 2]) {
                value.append(high << 4 | low)
                index += 3
            } else {
                value.append(byte)
                index += 1
            }
        }
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
