/// Parses lines of a `TemplateLogFormat` by walking its compiled steps over the bytes.
///
/// A literal must come next in the line. A field ends at the first occurrence of the
/// whole literal after it (`" "`, `] "`), or at its stop byte; inside quotes `\"` and
/// `\\` are skipped over. A field that ends the template runs to the end of the line, and
/// one that is followed only by the closing literal (`"%{User-Agent}i"`) takes everything
/// up to that literal at the end of the line. `-` is an absent value. Nothing is allocated
/// for a line that parses.
struct TemplateLineParser: LineParser {
    let program: TemplateProgram
    /// The hot part of each step's field, in step order of `program.fields`.
    let scans: [TemplateFieldScan]
    private(set) var calendar: ZonedCalendar
    /// Catalog indices of the names derived from the request line, or -1.
    let methodFieldIndex: Int
    let uriFieldIndex: Int
    let argsFieldIndex: Int
    private var parts = TimeParts()
    /// Whether the program has exactly one time field: then its bytes alone decide the
    /// instant, and a line with the same time bytes as the last (most lines of a busy log
    /// share their second) reuses its instant instead of parsing the time again.
    private let timeIsOneField: Bool
    private var lastTime = TimeBytes()
    private var lastInstant: Int64 = 0
    /// Whether that one time field is a common-log time: then a new time of the last
    /// minute read is read from its seconds (`CommonLogMinute`).
    private let timeIsCommonLog: Bool
    private var lastMinute = CommonLogMinute()
    /// The plain path for common- and combined-shaped templates, tried before the walk.
    private let fastPath: TemplateFastPath?
    /// The spans `fastPath` finds, in line order (reused from line to line).
    private var fastSpans: [ByteSpan]

    /// - Parameter usesFastPath: try `TemplateFastPath` first (false only to compare the two in tests).
    init(program: TemplateProgram, fields: FieldCatalog, calendar: ZonedCalendar, usesFastPath: Bool = true) {
        self.program = program
        let fastPath = usesFastPath ? TemplateFastPath(program: program) : nil
        fastSpans = Array(repeating: .empty, count: fastPath?.fieldOrder.count ?? 0)
        self.calendar = calendar
        scans = program.fields.map { TemplateFieldScan($0, catalogIndex: $0.role == .ignored ? nil : fields.index(of: $0.name)) }
        let logged = Set(program.fields.map(\.name))
        func derivedIndex(_ name: String) -> Int {
            guard program.derivesRequestParts, !logged.contains(name) else { return -1 }
            return fields.index(of: name) ?? -1
        }
        let timeFields = program.fields.filter { $0.role == .time }
        timeIsOneField = timeFields.count == 1
        timeIsCommonLog = timeFields.count == 1 && program.timeLayouts.indices.contains(timeFields[0].layoutIndex)
            && program.timeLayouts[timeFields[0].layoutIndex].kind == .commonLog
        methodFieldIndex = derivedIndex("request_method")
        uriFieldIndex = derivedIndex("uri")
        argsFieldIndex = derivedIndex("args")
        self.fastPath = Self.takingFields(of: fastPath, scans: scans)
    }

    /// `parser` with records that store only the named fields at the catalog indices
    /// `kept` (the other named fields stay empty): the fields counting reads, so that a
    /// field it never reads (a user agent, a referer) costs no work per line. Lines parse,
    /// and fail, as they do with every field stored.
    init(_ parser: TemplateLineParser, keepingOnly kept: [Int]) {
        let kept = Set(kept)
        program = parser.program
        scans = parser.scans.map { $0.keepingOnly(kept) }
        calendar = parser.calendar
        methodFieldIndex = kept.contains(parser.methodFieldIndex) ? parser.methodFieldIndex : -1
        uriFieldIndex = kept.contains(parser.uriFieldIndex) ? parser.uriFieldIndex : -1
        argsFieldIndex = kept.contains(parser.argsFieldIndex) ? parser.argsFieldIndex : -1
        timeIsOneField = parser.timeIsOneField
        timeIsCommonLog = parser.timeIsCommonLog
        fastSpans = parser.fastSpans
        fastPath = Self.takingFields(of: parser.fastPath, scans: scans)
    }

    /// This parser with a calendar of its own, for a second thread that parses lines of the
    /// same input: a `ZonedCalendar` caches the zone's offsets and is not thread-safe.
    func withOwnCalendar() -> TemplateLineParser {
        var copy = self
        copy.calendar = ZonedCalendar(timeZone: calendar.timeZone)
        return copy
    }

    /// `fastPath` taking the fields that parsing acts on only: a named field the record
    /// does not store is split off but not read.
    private static func takingFields(of fastPath: TemplateFastPath?, scans: [TemplateFieldScan]) -> TemplateFastPath? {
        guard let fastPath else { return nil }
        let taken = fastPath.fieldOrder.indices.filter { position in
            let scan = scans[fastPath.fieldOrder[position]]
            return scan.catalogIndex != nil || (scan.role != .named && scan.role != .ignored)
        }
        return TemplateFastPath(fastPath, taking: taken)
    }

    mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into record: inout LogRecord) -> LineParseResult {
        record.reset(text: line)
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        guard end < Int(Int32.max) else { return .malformed("line longer than 2 GiB") }
        guard line[0..<end].contains(where: { $0 != ASCII.space && $0 != ASCII.tab }) else { return .ignored }
        parts.reset()
        var timeReused = false
        var timeSpan: ByteSpan?
        var request = RequestSpans()
        if let fastPath, fastSpans.withUnsafeMutableBufferPointer({ fastPath.split(line, end: end, into: $0.baseAddress!) }) {
            var isWhole = true
            for position in 0..<fastPath.taken.count {
                let index = fastPath.taken[position]
                let field = fastPath.fieldOrder[index]
                if let hint = take(
                    field: field, span: fastSpans[index], record: &record, request: &request,
                    timeSpan: &timeSpan, timeReused: &timeReused)
                {
                    // A time that holds its own terminator (`%{%F %T}t` before a space) is
                    // cut short by the plain split: the walk widens it.
                    guard scans[field].role == .time else { return .malformed(hint) }
                    isWhole = false
                    break
                }
            }
            if isWhole { return finish(&record, request: request, timeSpan: timeSpan, timeReused: timeReused) }
            record.reset(text: line)
            parts.reset()
            (timeReused, timeSpan, request) = (false, nil, RequestSpans())
        }
        var position = 0
        var stepIndex = 0
        let steps = program.steps
        steps: while stepIndex < steps.count {
            let step = steps[stepIndex]
            let isOptional = stepIndex >= program.optionalTailStart
            if isOptional, position == end { break }
            switch step.kind {
            case .literal:
                if isOptional, isRestPrefix(of: step.literal, line: line, from: position, end: end) {
                    position = end
                    break steps
                }
                guard matches(step.literal, line: line, at: position, end: end) else {
                    return .malformed(literalHint(step: stepIndex, at: position, end: end))
                }
                position += step.literal.count
            case .optionalByte:
                if position < end, line[position] == step.byte { position += 1 }
            case .field:
                let scan = scans[step.field]
                let fieldEnd: Int
                var endsLine = false
                if let found = endOfField(scan, line: line, from: position, end: end) {
                    fieldEnd = found
                } else if isOptional, let terminator = scan.terminator {
                    fieldEnd = end - suffixOverlap(of: terminator, line: line, from: position, end: end)
                    endsLine = true
                } else {
                    return .malformed(terminatorHint(field: step.field, from: position))
                }
                var span = ByteSpan(start: position, end: fieldEnd)
                if let hint = take(
                    field: step.field, span: span, record: &record, request: &request,
                    timeSpan: &timeSpan, timeReused: &timeReused)
                {
                    guard scan.role == .time, !endsLine,
                          let widened = widenedTime(scan, line: line, from: position, after: fieldEnd, end: end)
                    else { return .malformed(hint) }
                    span = ByteSpan(start: position, end: widened)
                    if let hint = take(
                        field: step.field, span: span, record: &record, request: &request,
                        timeSpan: &timeSpan, timeReused: &timeReused)
                    {
                        return .malformed(hint)
                    }
                }
                position = Int(span.end)
                if endsLine {
                    position = end
                    break steps
                }
            }
            stepIndex += 1
        }
        guard position == end else {
            return .malformed("unexpected text at byte \(position + 1) after the last field of the format")
        }
        return finish(&record, request: request, timeSpan: timeSpan, timeReused: timeReused)
    }

    /// Where a time field that starts at `start` ends when the first occurrence of its
    /// terminator, at `firstEnd`, is inside the time (`2026-10-10 13:55:36` before a space,
    /// `$time_local` unbracketed, `Thu Oct  1 …` padded by `%e`): the first later occurrence
    /// up to which the layout reads a time; nil when none does (a line that does not parse
    /// tries each occurrence once).
    private mutating func widenedTime(
        _ scan: TemplateFieldScan, line: UnsafeBufferPointer<UInt8>, from start: Int, after firstEnd: Int, end: Int
    ) -> Int? {
        guard scan.layoutIndex >= 0, scan.layoutIndex < program.timeLayouts.count else { return nil }
        var candidate = firstEnd
        while true {
            guard candidate < end, let next = endOfField(scan, line: line, from: candidate + 1, end: end), next < end else { return nil }
            candidate = next
            // The same layout sets the same parts a failed read may have set.
            if program.timeLayouts[scan.layoutIndex].read(UnsafeBufferPointer(rebasing: line[start..<candidate]), into: &parts) {
                return candidate
            }
        }
    }

    /// Records the `span` of `field` (the program's index), noting a time field's bytes.
    @inline(__always)
    private mutating func take(
        field: Int, span: ByteSpan, record: inout LogRecord, request: inout RequestSpans,
        timeSpan: inout ByteSpan?, timeReused: inout Bool
    ) -> String? {
        let scan = scans[field]
        if scan.role == .time, timeIsOneField {
            timeSpan = span
            let time = record.bytes(span)
            timeReused = lastTime.holds(time)
            if !timeReused, timeIsCommonLog {
                let held = TimeBytes(time)
                if let instant = lastMinute.instant(of: time, held: held) { (lastTime, lastInstant, timeReused) = (held, instant, true) }
            }
        }
        return apply(scan, field: field, span: span, to: &record, request: &request, timeKnown: timeReused)
    }

    /// Completes a record whose fields have all been taken: request parts, derived fields, time.
    @inline(__always)
    private mutating func finish(
        _ record: inout LogRecord, request: RequestSpans, timeSpan: ByteSpan?, timeReused: Bool
    ) -> LineParseResult {
        request.fill(&record)
        fillDerivedFields(of: &record)
        if timeReused {
            record.timestamp = lastInstant
            return .parsed
        }
        guard let seconds = parts.epochSeconds(in: calendar) else {
            lastTime = TimeBytes()
            return .malformed("the time is not a real date and time")
        }
        if let timeSpan {
            lastTime = TimeBytes(record.bytes(timeSpan))
            lastInstant = seconds
            if timeIsCommonLog { lastMinute.remember(record.bytes(timeSpan), instant: seconds) }
        }
        record.timestamp = seconds
        return .parsed
    }

    /// Copies method, path and query into the derived named fields.
    private func fillDerivedFields(of record: inout LogRecord) {
        if methodFieldIndex >= 0, methodFieldIndex < record.fields.count { record.fields[methodFieldIndex] = record.method }
        if uriFieldIndex >= 0, uriFieldIndex < record.fields.count { record.fields[uriFieldIndex] = record.path }
        if argsFieldIndex >= 0, argsFieldIndex < record.fields.count { record.fields[argsFieldIndex] = record.query }
    }

    /// Records `span` of `field` in `record` according to its role; a hint when it is malformed.
    private mutating func apply(
        _ scan: TemplateFieldScan, field: Int, span: ByteSpan, to record: inout LogRecord, request: inout RequestSpans,
        timeKnown: Bool = false
    ) -> String? {
        var span = span
        let bytes = record.bytes(span)
        let isAbsent = ASCII.isAbsent(bytes)
        switch scan.role {
        case .named, .ignored:
            break
        case .remoteAddress:
            record.remoteAddress = isAbsent ? .empty : span
        case .remoteUser:
            record.remoteUser = isAbsent ? .empty : span
        case .time:
            guard timeKnown || scan.layoutIndex >= 0 && scan.layoutIndex < program.timeLayouts.count
                  && program.timeLayouts[scan.layoutIndex].read(bytes, into: &parts)
            else {
                lastTime = TimeBytes()
                return "expected a time for '\(program.fields[field].spelling)' at byte \(span.start + 1)"
            }

        case .timeFraction:
            guard !bytes.isEmpty, bytes.allSatisfy(ASCII.isDigit) else {
                return "expected digits for '\(program.fields[field].spelling)' at byte \(span.start + 1)"
            }
        case .request:
            request.line = span
        case .method:
            if !isAbsent { request.method = span }
        case .target:
            if !isAbsent { request.target = span }
        case .path:
            if !isAbsent { request.path = span }
        case .markedQuery, .query:
            if scan.role == .markedQuery, let first = bytes.first, first == ASCII.questionMark {
                span.start += 1
            }
            if !isAbsent, !span.isEmpty { request.query = span }
        case .status:
            // `-`: no response was logged (an ELB TCP listener, a dropped connection): the
            // line has no status, as W3C and JSON lines without one.
            if isAbsent { break }
            guard bytes.count == 3, bytes[0] != ASCII.zero, let status = ASCII.parseInteger(bytes) else {
                return "expected a 3-digit status for '\(program.fields[field].spelling)' at byte \(span.start + 1)"
            }
            record.status = Int(status)
        }
        if let index = scan.catalogIndex, index < record.fields.count, !isAbsent {
            record.fields[index] = span
        }
        return nil
    }
}
