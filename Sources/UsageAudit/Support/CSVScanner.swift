/// Splits CSV bytes into records of cells (RFC 4180): quoted cells may hold the separator,
/// line breaks and doubled quotes; a record ends at an unquoted LF (a CR before it is
/// dropped). Never traps: every index is checked against the byte count.
struct CSVScanner {
    let bytes: [UInt8]
    var position: Int
    let separator: UInt8
    /// The line the scanner is on (1-based).
    var line = 1

    init(bytes: [UInt8], position: Int, separator: UInt8) {
        self.bytes = bytes
        self.position = position
        self.separator = separator
    }

    /// The next record and the line it starts on, or nil at the end.
    mutating func nextRecord(name: String) throws(ProfileError) -> (cells: [String], line: Int)? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var cells: [String] = []
        // One buffer for every cell of the record (a keys file or a profile store is read
        // cell by cell: tens of thousands of them).
        var cell: [UInt8] = []
        cell.reserveCapacity(64)
        var quoted = false
        var quoteLine = line
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if quoted {
                if byte == ASCII.quote {
                    if position < bytes.count, bytes[position] == ASCII.quote {
                        cell.append(ASCII.quote)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    cell.append(byte)
                }
            } else if byte == ASCII.quote && cell.allSatisfy({ $0 == ASCII.space }) {
                quoted = true
                quoteLine = line
                cell.removeAll(keepingCapacity: true)
            } else if byte == separator {
                cells.append(String(decoding: cell, as: UTF8.self))
                cell.removeAll(keepingCapacity: true)
            } else if byte == 0x0A {
                line += 1
                if cell.last == 0x0D { cell.removeLast() }
                cells.append(String(decoding: cell, as: UTF8.self))
                return (cells, startLine)
            } else {
                // The plain bytes up to the next separator, line feed or quote, at once.
                var end = position
                while end < bytes.count {
                    let next = bytes[end]
                    if next == separator || next == 0x0A || next == ASCII.quote { break }
                    end += 1
                }
                cell.append(contentsOf: bytes[(position - 1)..<end])
                position = end
            }
        }
        if quoted {
            throw .malformed(origin: "\(name):\(quoteLine)", reason: "a quoted cell is never closed (a \" is missing)")
        }
        if cell.last == 0x0D { cell.removeLast() }
        cells.append(String(decoding: cell, as: UTF8.self))
        return (cells, startLine)
    }
}
