#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds where each field of a line starts and ends for templates shaped like the
/// common and combined formats: an optional leading literal, then fields each followed by
/// a literal (the last one may run to the end of the line), with no optional bytes, no
/// optional tail and no field that ends at a stop byte.
///
/// It takes the plain path only: a field ends at the first occurrence of its terminating
/// literal, found with `memchr` for the literal's first byte. Whenever the general walk of
/// `TemplateLineParser` could decide otherwise (a literal that does not match where it must,
/// a quoted terminator right after a backslash, a missing terminator) it gives up and the
/// general walk parses the line, so a line it splits gets exactly the spans the walk would
/// give it. Its state is a few flat arrays read through pointers: no step interpretation
/// and no per-field copies on the hot path. A class, immutable once made, so that a parser
/// holding it retains one object per line rather than each of its arrays.
final class TemplateFastPath: Sendable {
    /// How the field at the same index of `fields` ends.
    private struct FieldEnd {
        /// The terminating literal in `literals`, or count 0 when the field runs to the end.
        var literalStart: Int32
        var literalCount: Int32
        /// The literal closes the template: the line must end with it.
        var endsLine: Bool
        var isQuoted: Bool
    }

    /// The literal the template starts with (a range of `literals`), if any.
    private let leading: Range<Int>
    /// The program's field indices in line order.
    let fieldOrder: [Int]
    /// The positions in `fieldOrder` of the fields whose spans a parser reads (all of them
    /// unless made `taking:` fewer).
    let taken: [Int]
    private let ends: [FieldEnd]
    private let literals: [UInt8]

    /// The fast path for `program`, or nil when its shape needs the general walk.
    init?(program: TemplateProgram) {
        guard program.optionalTailStart == program.steps.count else { return nil }
        let steps = program.steps
        var index = 0
        var leading = 0..<0
        if let first = steps.first, first.kind == .literal {
            leading = first.literal
            index = 1
        }
        var order: [Int] = []
        var ends: [FieldEnd] = []
        while index < steps.count {
            let step = steps[index]
            guard step.kind == .field else { return nil }
            let field = program.fields[step.field]
            guard field.stopByte == nil else { return nil }
            order.append(step.field)
            if index + 1 < steps.count {
                let next = steps[index + 1]
                guard next.kind == .literal, !next.literal.isEmpty, field.terminator == next.literal else { return nil }
                ends.append(FieldEnd(
                    literalStart: Int32(next.literal.lowerBound), literalCount: Int32(next.literal.count),
                    endsLine: field.terminatorEndsLine, isQuoted: field.isQuoted))
                index += 2
            } else {
                guard field.terminator == nil else { return nil }
                ends.append(FieldEnd(literalStart: 0, literalCount: 0, endsLine: false, isQuoted: field.isQuoted))
                index += 1
            }
        }
        guard !order.isEmpty else { return nil }
        // Only the last field may run to the end of the line or close it.
        for end in ends.dropLast() where end.literalCount == 0 || end.endsLine { return nil }
        self.leading = leading
        fieldOrder = order
        taken = Array(order.indices)
        self.ends = ends
        literals = program.literalBytes
    }

    /// `other`, whose parser reads the spans at the positions `taken` only.
    init(_ other: TemplateFastPath, taking taken: [Int]) {
        leading = other.leading
        fieldOrder = other.fieldOrder
        self.taken = taken
        ends = other.ends
        literals = other.literals
    }

    /// Writes the span of the `n`-th field in line order to `spans[n]` for the first `end`
    /// bytes of `line`; false when the line needs the general walk.
    func split(_ line: UnsafeBufferPointer<UInt8>, end: Int, into spans: UnsafeMutablePointer<ByteSpan>) -> Bool {
        guard let base = line.baseAddress else { return false }
        return literals.withUnsafeBufferPointer { literalBuffer in
            ends.withUnsafeBufferPointer { endBuffer in
                let literal = literalBuffer.baseAddress!
                var position = 0
                if !leading.isEmpty {
                    guard leading.count <= end, ByteInterner.equalBytes(base, literal + leading.lowerBound, leading.count) else {
                        return false
                    }
                    position = leading.count
                }
                for field in 0..<endBuffer.count {
                    let fieldEnd = endBuffer[field]
                    let terminatorCount = Int(fieldEnd.literalCount)
                    if terminatorCount == 0 {
                        spans[field] = ByteSpan(start: position, end: end)
                        position = end
                        break
                    }
                    let terminator = literal + Int(fieldEnd.literalStart)
                    let found: Int
                    if fieldEnd.endsLine {
                        found = end - terminatorCount
                        guard found >= position, ByteInterner.equalBytes(base + found, terminator, terminatorCount) else { return false }
                    } else {
                        guard let candidate = Self.find(terminator, count: terminatorCount, in: base, from: position, end: end) else {
                            return false
                        }
                        found = candidate
                    }
                    // A backslash before a quoted field's terminator may escape it: the walk decides.
                    if fieldEnd.isQuoted, found > position, base[found - 1] == ASCII.backslash { return false }
                    spans[field] = ByteSpan(start: position, end: found)
                    position = found + terminatorCount
                }
                return position == end
            }
        }
    }

    /// The first offset in `from..<end` of `base` where the `count` bytes at `terminator` start.
    @inline(__always)
    private static func find(
        _ terminator: UnsafePointer<UInt8>, count: Int, in base: UnsafePointer<UInt8>, from start: Int, end: Int
    ) -> Int? {
        let first = Int32(terminator[0])
        var index = start
        while index < end, let hit = memchr(base + index, first, end - index) {
            let candidate = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard candidate + count <= end else { return nil }
            if count == 1 || ByteInterner.equalBytes(base + candidate + 1, terminator + 1, count - 1) { return candidate }
            index = candidate + 1
        }
        return nil
    }
}
