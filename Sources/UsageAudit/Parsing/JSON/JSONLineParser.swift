/// Reads the lines of one JSON-lines input into `LogRecord`s (see `JSONLogFormat`).
///
/// The record's `text` is the parser's scratch buffer, which holds the unescaped values
/// the plan wants; it stays valid until the next call to `parse`.
struct JSONLineParser: LineParser {
    private let plan: JSONFieldPlan
    private let calendar: ZonedCalendar
    private let scratch = JSONScratchBuffer()
    private var captures: [JSONCapture]
    private var timeParts = TimeParts()

    init(plan: JSONFieldPlan, calendar: ZonedCalendar) {
        self.plan = plan
        self.calendar = calendar
        captures = Array(repeating: .absent, count: plan.paths.count)
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into record: inout LogRecord) -> LineParseResult {
        record.reset(text: UnsafeBufferPointer(start: nil, count: 0))
        let hasByteOrderMark = line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF
        guard line[(hasByteOrderMark ? 3 : 0)...].contains(where: { !JSONLineParser.isWhitespace($0) }) else {
            return .ignored
        }
        scratch.reserve(line.count)
        for slot in captures.indices { captures[slot] = .absent }
        var scanner = JSONObjectScanner(text: line, scratch: scratch.bytes, trie: plan.trie)
        do {
            try scanner.scanLine(into: &captures)
        } catch {
            return .malformed(error.hint)
        }
        record.text = UnsafeBufferPointer(start: scratch.bytes.baseAddress, count: scanner.used)

        guard let time = value(of: .time, in: record) else {
            return .malformed("no time field: map [log.json] time to the key that holds the request time")
        }
        guard let timestamp = readTime(time, in: record) else {
            return .malformed("the time is not ISO 8601, CLF (10/Oct/2000:13:55:36 -0700) or epoch seconds")
        }
        record.timestamp = timestamp

        var describesRequest = false
        if let status = value(of: .status, in: record) {
            guard let code = ASCII.parseInteger(record.bytes(status.span)), code <= 999 else {
                return .malformed("the status is not an HTTP status (a whole number up to 999)")
            }
            record.status = Int(code)
            describesRequest = true
        }
        describesRequest = fillRequest(into: &record) || describesRequest
        guard describesRequest else {
            return .malformed("no request fields (request, uri, path, method or status): not an access-log entry")
        }
        if let address = value(of: .remoteAddress, in: record) { record.remoteAddress = address.span }
        if let user = value(of: .remoteUser, in: record) { record.remoteUser = user.span }
        for field in plan.fieldSlots.indices where field < record.fields.count {
            if let capture = firstPresent(plan.fieldSlots[field], in: record) { record.fields[field] = capture.span }
        }
        return .parsed
    }

    /// Fills method, path and query, the more specific values overriding the general ones.
    /// - Returns: whether the line had any of them.
    private func fillRequest(into record: inout LogRecord) -> Bool {
        var found = false
        if let uri = value(of: .uri, in: record) {
            RequestLine.splitTarget(uri.span, into: &record)
            found = true
        }
        if let request = value(of: .request, in: record), request.kind == .string {
            found = RequestLine.split(request.span, into: &record) || found
        }
        if let path = value(of: .path, in: record) {
            let query = record.query
            RequestLine.splitTarget(path.span, into: &record)
            if record.query.isEmpty { record.query = query }
            found = true
        }
        if let method = value(of: .method, in: record) {
            record.method = method.span
            found = true
        }
        if let query = value(of: .query, in: record) { record.query = query.span }
        return found
    }

    /// The time in `capture`: epoch time for a number or a string of digits, else ISO 8601
    /// or CLF (brackets allowed).
    private mutating func readTime(_ capture: JSONCapture, in record: LogRecord) -> Int64? {
        var bytes = record.bytes(capture.span)
        if capture.kind == .number || JSONEpochTime.isDecimal(bytes) {
            return JSONEpochTime.seconds(bytes, parts: &timeParts, calendar: calendar)
        }
        guard capture.kind == .string else { return nil }
        if bytes.count >= 2, bytes[0] == JSONByte.openBracket, bytes[bytes.count - 1] == JSONByte.closeBracket {
            bytes = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
        }
        timeParts.reset()
        if TimeLayout.iso8601.read(bytes, into: &timeParts) { return timeParts.epochSeconds(in: calendar) }
        timeParts.reset()
        if TimeLayout.commonLog.read(bytes, into: &timeParts) { return timeParts.epochSeconds(in: calendar) }
        return nil
    }

    /// The first present value of `role`'s slots.
    @inline(__always)
    private func value(of role: JSONRole, in record: LogRecord) -> JSONCapture? {
        firstPresent(plan.roleSlots[role.index], in: record)
    }

    /// The first capture among `slots` that holds a value other than empty, `null` or `-`.
    private func firstPresent(_ slots: [Int], in record: LogRecord) -> JSONCapture? {
        for slot in slots where captures[slot].isPresent {
            let capture = captures[slot]
            if !ASCII.isAbsent(record.bytes(capture.span)) { return capture }
        }
        return nil
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == JSONByte.carriageReturn || byte == JSONByte.lineFeed
    }
}
