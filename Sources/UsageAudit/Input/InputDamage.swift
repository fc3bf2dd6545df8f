/// Damage found part-way through a compressed input: a truncated or corrupt gzip file.
///
/// A byte source throws it only after returning every byte it could decode before the
/// damage, so the lines before it are counted; the command line then exits with code 4
/// and the damage is listed in `summary.json`.
public struct InputDamage: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The data ends before the gzip stream does (a copy cut short, a file still being written).
        case truncated
        /// The data cannot be decoded: a bad header, an invalid block, a wrong checksum or length.
        case corrupt
    }

    /// The input's display name (its path, or `-` for standard input).
    public var input: String
    public var kind: Kind
    /// How many compressed bytes were consumed when the damage was found.
    public var compressedOffset: Int64
    /// The decoder's own words, e.g. "invalid block type" or "incorrect data check"; may be empty.
    public var detail: String

    public init(input: String, kind: Kind, compressedOffset: Int64, detail: String = "") {
        self.input = input
        self.kind = kind
        self.compressedOffset = compressedOffset
        self.detail = detail
    }
}

extension InputDamage: CustomStringConvertible {
    public var description: String {
        let offset = Self.grouped(compressedOffset)
        switch kind {
        case .truncated:
            return "\(input): gzip data is truncated after \(offset) compressed bytes: "
                + "the lines before the damage were counted (was the file copied while still being written?)"
        case .corrupt where failsItsCheck:
            // Found at the member's end: the damage is somewhere before it, in bytes already
            // decoded (and counted); it did not stop the decoder there.
            return "\(input): gzip data fails its check at compressed byte \(offset) (\(detail)): "
                + "what it decoded is damaged somewhere before that point, and its lines were counted as they "
                + "decoded, so some counts may be wrong (garbled lines are among the malformed ones); "
                + "anything after it was skipped. Restore the file from a good copy if you can"
        case .corrupt:
            let because = detail.isEmpty ? "" : " (\(detail))"
            return "\(input): gzip data is corrupt at compressed byte \(offset)\(because): "
                + "the lines before the damage were counted, the rest of the file was skipped"
        }
    }

    /// What to say of the damage when what decoded before it is the start of `original`,
    /// counted before and longer, so that none of it was counted (a copy cut short).
    public func describing(copyOf original: String, originalLength: Int64, decoded: Int64) -> String {
        let offset = Self.grouped(compressedOffset)
        let what = switch kind {
        case .truncated: "gzip data is truncated after \(offset) compressed bytes"
        case .corrupt: "gzip data is corrupt at compressed byte \(offset)\(detail.isEmpty ? "" : " (\(detail))")"
        }
        return "\(input): \(what), and the \(decoded.grouped) bytes before it are the start of \(original), "
            + "counted before (\(originalLength.grouped) bytes): taken for a copy of it cut short (still being written "
            + "or compressed?) and not counted, so nothing is counted twice; a whole copy is recognised as counted"
    }

    /// Whether the decoded data failed the member's CRC-32 or length check (both engines
    /// say so in zlib's words).
    var failsItsCheck: Bool {
        detail == "incorrect data check" || detail == "incorrect length check"
    }

    /// `value` in decimal with a comma between groups of three digits: 1,234,567.
    static func grouped(_ value: Int64) -> String {
        value.grouped
    }
}
