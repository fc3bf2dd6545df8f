#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TemplateLineParser {
    /// Where the field described by `scan` that starts at `start` ends, or nil when its
    /// terminating literal is not in the line.
    func endOfField(_ scan: TemplateFieldScan, line: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int? {
        if scan.terminatorEndsLine, let terminator = scan.terminator {
            let fieldEnd = end - terminator.count
            guard fieldEnd >= start, matches(terminator, line: line, at: fieldEnd, end: end) else { return nil }
            return fieldEnd
        }
        if let found = search(scan, line: line, from: start, end: end, skippingEscapes: scan.isQuoted) {
            return found
        }
        // A quoted value that ends in a lone backslash: try again taking it literally.
        if scan.isQuoted, let found = search(scan, line: line, from: start, end: end, skippingEscapes: false) {
            return found
        }
        return scan.terminator == nil ? end : nil
    }

    /// The first offset from `start` that holds the stop byte or the whole terminator.
    private func search(
        _ scan: TemplateFieldScan, line: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, skippingEscapes: Bool
    ) -> Int? {
        guard scan.stopByte == nil, let terminator = scan.terminator, !terminator.isEmpty, let base = line.baseAddress else {
            return searchByteByByte(scan, line: line, from: start, end: end, skippingEscapes: skippingEscapes)
        }
        // Jump from one candidate first byte to the next; a candidate after an odd run of
        // backslashes is escaped (the same rule as skipping each `\` and the byte after it).
        let first = Int32(program.literalBytes[terminator.lowerBound])
        var index = start
        while index < end, let found = memchr(base + index, first, end - index) {
            let candidate = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if matches(terminator, line: line, at: candidate, end: end),
               !skippingEscapes || !isEscaped(candidate, line: line, fieldStart: start) {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }

    /// Whether an odd number of backslashes, after `fieldStart`, comes right before `position`.
    private func isEscaped(_ position: Int, line: UnsafeBufferPointer<UInt8>, fieldStart: Int) -> Bool {
        var index = position - 1
        while index >= fieldStart, line[index] == ASCII.backslash { index -= 1 }
        return (position - 1 - index) % 2 == 1
    }

    private func searchByteByByte(
        _ scan: TemplateFieldScan, line: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, skippingEscapes: Bool
    ) -> Int? {
        let stop = scan.stopByte.map(Int.init) ?? -1
        let terminator = scan.terminator ?? 0..<0
        let first = terminator.isEmpty ? -1 : Int(program.literalBytes[terminator.lowerBound])
        var index = start
        while index < end {
            let byte = Int(line[index])
            if byte == stop { return index }
            if skippingEscapes, byte == Int(ASCII.backslash) {
                index += 2
                continue
            }
            if byte == first, matches(terminator, line: line, at: index, end: end) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `line[position...]` starts with the literal at `range` of the program's bytes.
    func matches(_ range: Range<Int>, line: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Bool {
        guard position >= 0, range.count <= end - position else { return false }
        var offset = 0
        for literalIndex in range {
            if line[position + offset] != program.literalBytes[literalIndex] { return false }
            offset += 1
        }
        return true
    }

    /// Whether the rest of the line, `line[position..<end]`, is a proper prefix of the
    /// literal at `range` (the line stops inside the optional tail).
    func isRestPrefix(of range: Range<Int>, line: UnsafeBufferPointer<UInt8>, from position: Int, end: Int) -> Bool {
        let rest = end - position
        guard rest >= 0, rest < range.count else { return false }
        for offset in 0..<rest where line[position + offset] != program.literalBytes[range.lowerBound + offset] {
            return false
        }
        return true
    }

    /// The length of the longest proper prefix of the literal at `range` that ends the line
    /// (a quoted tail field followed by nothing but its closing quote).
    func suffixOverlap(of range: Range<Int>, line: UnsafeBufferPointer<UInt8>, from position: Int, end: Int) -> Int {
        var length = min(range.count - 1, end - position)
        while length > 0 {
            if matches(range.lowerBound..<(range.lowerBound + length), line: line, at: end - length, end: end) {
                return length
            }
            length -= 1
        }
        return 0
    }

    /// The hint for a literal that is not where the format puts it.
    func literalHint(step: Int, at position: Int, end: Int) -> String {
        let literal = "'\(text(of: program.steps[step].literal))'"
        let place: String
        if step + 1 < program.steps.count, program.steps[step + 1].kind == .field {
            place = "before '\(program.fields[program.steps[step + 1].field].spelling)'"
        } else if step > 0, program.steps[step - 1].kind == .field {
            place = "after '\(program.fields[program.steps[step - 1].field].spelling)'"
        } else {
            place = "by the format"
        }
        if position >= end {
            return "line ends at byte \(position + 1) where \(literal) is expected \(place)"
        }
        return "expected \(literal) \(place) at byte \(position + 1)"
    }

    /// The hint for a field whose terminating literal is missing.
    func terminatorHint(field: Int, from position: Int) -> String {
        let spelling = program.fields[field].spelling
        guard let terminator = program.fields[field].terminator else {
            return "cannot find the end of '\(spelling)' after byte \(position + 1)"
        }
        if program.fields[field].terminatorEndsLine {
            return "expected the line to end with '\(text(of: terminator))' after '\(spelling)'"
        }
        return "no '\(text(of: terminator))' after '\(spelling)' (from byte \(position + 1))"
    }

    private func text(of range: Range<Int>) -> String {
        String(decoding: program.literalBytes[range], as: UTF8.self)
    }
}
