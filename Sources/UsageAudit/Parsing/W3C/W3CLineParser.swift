/// Reads the lines of one W3C extended log (see `W3CLogFormat`), following its
/// `#Fields:` directives. The record's `text` is the line itself.
struct W3CLineParser: LineParser {
    private let fieldsByCanonical: [String: [Int]]
    private let calendar: ZonedCalendar
    private var header = W3CHeader()
    /// The value of each column in the current line.
    private var values: [ByteSpan] = []
    /// The date of the latest `#Date:` directive, for headers without a `date` field.
    private var directiveDate: [UInt8] = []
    /// `DATE` `T` `TIME` `Z`, assembled for `TimeLayout.iso8601`.
    private var isoTime: [UInt8] = []

    /// The longest `date` plus `time` read: `YYYY-MM-DD` and `HH:MM:SS` with a long fraction.
    private static let maximumTimeLength = 64

    init(fieldsByCanonical: [String: [Int]], calendar: ZonedCalendar) {
        self.fieldsByCanonical = fieldsByCanonical
        self.calendar = calendar
        isoTime.reserveCapacity(W3CLineParser.maximumTimeLength + 2)
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into record: inout LogRecord) -> LineParseResult {
        let line = W3CLineParser.droppingByteOrderMark(line)
        record.reset(text: line)
        if let directive = Self.directive(in: line) {
            readDirective(directive)
            return .ignored
        }
        var end = line.count
        while end > 0, line[end - 1] == 0x0D || line[end - 1] == 0x0A { end -= 1 }
        guard line[..<end].contains(where: { !W3CHeader.isSeparator($0) }) else { return .ignored }
        guard header.isDefined else { return .malformed("a data line before any #Fields: header") }
        guard header.hasTime, header.hasDate || !directiveDate.isEmpty else {
            return .malformed("the #Fields: header has no date and time fields")
        }
        guard split(UnsafeBufferPointer(rebasing: line[..<end])) else {
            return .malformed("the number of values does not match the #Fields: header")
        }

        var date = ByteSpan.empty
        var time = ByteSpan.empty
        var status = ByteSpan.empty
        var uri = ByteSpan.empty
        var stem = ByteSpan.empty
        var query = ByteSpan.empty
        for (column, role) in header.roles.enumerated() {
            let value = values[column]
            if role == .other || ASCII.isAbsent(record.bytes(value)) { continue }
            switch role {
            case .date: date = value
            case .time: time = value
            case .clientAddress: record.remoteAddress = value
            case .username: record.remoteUser = value
            case .method: record.method = value
            case .uriStem: stem = value
            case .uriQuery: query = value
            case .uri: uri = value
            case .status: status = value
            case .other: break
            }
        }
        if !uri.isEmpty { RequestLine.splitTarget(uri, into: &record) }
        if !stem.isEmpty { record.path = stem }
        if !query.isEmpty { record.query = query }

        guard let timestamp = readTime(date: record.bytes(date), time: record.bytes(time)) else {
            return .malformed("the date and time are not YYYY-MM-DD and HH:MM:SS")
        }
        record.timestamp = timestamp
        if !status.isEmpty {
            guard let code = ASCII.parseInteger(record.bytes(status)), code <= 999 else {
                return .malformed("sc-status is not a whole number")
            }
            record.status = Int(code)
        }
        for target in header.fieldTargets where target.field < record.fields.count {
            let value = values[target.column]
            if !ASCII.isAbsent(record.bytes(value)) { record.fields[target.field] = value }
        }
        return .parsed
    }

    /// Follows the directives among lines an earlier run counted: the `#Fields:` header at
    /// the top of a log that grew since applies to the lines appended to it.
    mutating func pass(over line: UnsafeBufferPointer<UInt8>) {
        if let directive = Self.directive(in: Self.droppingByteOrderMark(line)) { readDirective(directive) }
    }

    /// The text of a `#` line after its `#`, without its line end; nil for other lines.
    private static func directive(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard line.first == 0x23 else { return nil }  // '#'
        var end = line.count
        while end > 1, line[end - 1] == 0x0D || line[end - 1] == 0x0A { end -= 1 }
        return UnsafeBufferPointer(rebasing: line[1..<end])
    }

    /// `line` without the UTF-8 byte order mark that the first line of a file may carry.
    private static func droppingByteOrderMark(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF else { return line }
        return UnsafeBufferPointer(rebasing: line[3...])
    }

    /// Handles a `#` line: `#Fields:` replaces the header, `#Date:` sets the fallback date.
    private mutating func readDirective(_ directive: UnsafeBufferPointer<UInt8>) {
        if let names = W3CLineParser.argument(of: directive, named: "fields:") {
            header.define(names: names, fieldsByCanonical: fieldsByCanonical)
            values = Array(repeating: .empty, count: header.roles.count)
        } else if let argument = W3CLineParser.argument(of: directive, named: "date:") {
            var index = 0
            while index < argument.count, W3CHeader.isSeparator(argument[index]) { index += 1 }
            let start = index
            while index < argument.count, !W3CHeader.isSeparator(argument[index]) { index += 1 }
            directiveDate = Array(argument[start..<index])
        }
    }

    /// The bytes after `name` (lower-case ASCII) when `directive` starts with it in any case.
    private static func argument(
        of directive: UnsafeBufferPointer<UInt8>, named name: StaticString
    ) -> UnsafeBufferPointer<UInt8>? {
        let count = name.utf8CodeUnitCount
        guard directive.count >= count else { return nil }
        for offset in 0..<count where ASCII.lowercased(directive[offset]) != name.utf8Start[offset] {
            return nil
        }
        return UnsafeBufferPointer(rebasing: directive[count...])
    }

    /// Splits a data line into `values`, on tabs when it has one, else on runs of spaces
    /// (quoted values whole when the line needs it).
    /// - Returns: whether it has exactly as many values as the header has fields.
    private mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if line.contains(ASCII.tab) {
            var column = 0
            var index = 0
            while true {
                let start = index
                while index < line.count, line[index] != ASCII.tab { index += 1 }
                guard column < values.count else { return false }
                values[column] = ByteSpan(start: start, end: index)
                column += 1
                guard index < line.count else { break }
                index += 1
            }
            return column == values.count
        }
        // Quotes are honoured only when splitting on every space gives too many values: a
        // line that fits as it is (IIS never quotes) reads as before, whatever quotes a
        // client put into its query or user agent.
        return splitOnSpaces(line, honouringQuotes: false)
            || line.contains(ASCII.quote) && splitOnSpaces(line, honouringQuotes: true)
    }

    /// Splits on runs of spaces, with `"…"` as one value (its quotes left out) when
    /// `honouringQuotes`; whether it gives exactly as many values as the header has fields.
    private mutating func splitOnSpaces(_ line: UnsafeBufferPointer<UInt8>, honouringQuotes: Bool) -> Bool {
        var column = 0
        var index = 0
        while true {
            while index < line.count, line[index] == ASCII.space { index += 1 }
            guard index < line.count else { break }
            guard column < values.count else { return false }
            if honouringQuotes, line[index] == ASCII.quote, let end = Self.closingQuote(in: line, after: index) {
                // A quoted value may hold spaces; `""` inside it is a quote (W3C), kept as written.
                values[column] = ByteSpan(start: index + 1, end: end)
                index = end + 1
            } else {
                let start = index
                while index < line.count, line[index] != ASCII.space { index += 1 }
                values[column] = ByteSpan(start: start, end: index)
            }
            column += 1
        }
        return column == values.count
    }

    /// The offset of the quote that closes the one at `open`: followed by a space or the
    /// line's end, not doubled; nil when there is none (the value is then read unquoted).
    private static func closingQuote(in line: UnsafeBufferPointer<UInt8>, after open: Int) -> Int? {
        var index = open + 1
        while index < line.count {
            if line[index] == ASCII.quote {
                if index + 1 < line.count, line[index + 1] == ASCII.quote {
                    index += 2
                    continue
                }
                return index + 1 == line.count || line[index + 1] == ASCII.space ? index : nil
            }
            index += 1
        }
        return nil
    }

    /// The instant of a UTC `date` (or the `#Date:` date when empty) and `time`.
    private mutating func readTime(date: UnsafeBufferPointer<UInt8>, time: UnsafeBufferPointer<UInt8>) -> Int64? {
        let dateLength = date.isEmpty ? directiveDate.count : date.count
        guard !time.isEmpty, dateLength > 0, dateLength + time.count <= W3CLineParser.maximumTimeLength else {
            return nil
        }
        isoTime.removeAll(keepingCapacity: true)
        if date.isEmpty {
            isoTime.append(contentsOf: directiveDate)
        } else {
            isoTime.append(contentsOf: date)
        }
        isoTime.append(0x54)  // T
        isoTime.append(contentsOf: time)
        isoTime.append(0x5A)  // Z
        var parts = TimeParts()
        let calendar = self.calendar
        return isoTime.withUnsafeBufferPointer { text -> Int64? in
            guard TimeLayout.iso8601.read(text, into: &parts) else { return nil }
            return parts.epochSeconds(in: calendar)
        }
    }
}
