/// What the line reader said of a line, and the decision what becomes of it: one rule for
/// the sequential count (`InputCounter`) and for a batch parsed ahead (`ParsedLineBatch`).
enum LineReading: UInt8 {
    /// A whole line, ended by a newline.
    case whole
    /// The input's last line, without a newline (whole, or still being written).
    case unterminated
    /// The last line before damage to the input: its end may be missing.
    case cutByDamage
    /// A line longer than the reader's limit: only its start is here.
    case truncated

    /// What becomes of a line.
    enum Verdict {
        case parsed
        case ignored
        /// Malformed for `reason`; `resumesHere` when a later run reads the input again from
        /// this line (cut by damage, or unfinished and left for later).
        case malformed(reason: String, resumesHere: Bool)
    }

    init(_ line: InputLine) {
        self = line.isCutByDamage ? .cutByDamage : line.isTruncated ? .truncated : line.isUnterminated ? .unterminated : .whole
    }

    /// The verdict on a line read so: malformed unparsed when it is cut by damage or too
    /// long (longer than `maximumLineLength`), else what `parse` makes of it. An
    /// unterminated line that does not parse is unfinished when `keepsUnfinishedLine` (a
    /// plain file read against a state store: it may still be written).
    @inline(__always)
    func verdict(keepsUnfinishedLine: Bool, maximumLineLength: Int, parse: () -> LineParseResult) -> Verdict {
        switch self {
        case .cutByDamage:
            return .malformed(reason: InputCounter.cutByDamageReason, resumesHere: true)
        case .truncated:
            return .malformed(reason: InputCounter.tooLongReason(maximumLineLength), resumesHere: false)
        case .whole, .unterminated:
            switch parse() {
            case .parsed:
                return .parsed
            case .ignored:
                return .ignored
            case .malformed where self == .unterminated && keepsUnfinishedLine:
                return .malformed(reason: InputCounter.unfinishedReason, resumesHere: true)
            case .malformed(let reason):
                return .malformed(reason: reason, resumesHere: false)
            }
        }
    }
}
