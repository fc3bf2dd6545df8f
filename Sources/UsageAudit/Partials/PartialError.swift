/// What went wrong reading, merging or writing a partial; each message says what to do.
public enum PartialError: Error, CustomStringConvertible, Equatable {
    /// The file cannot be read or written.
    case unavailable(path: String, reason: String)
    /// The file is no partial of this format (or a damaged one: cut short, edited).
    case unreadable(path: String, reason: String)
    /// The file was written in another format version.
    case unsupportedFormat(path: String, format: Int, writer: String)
    /// The partial was counted under a configuration that cannot be mixed with this one.
    case mismatch(path: String, what: String, partial: String, expected: String)
    /// The same log (by content) is in two partials, or in a partial and this run's logs.
    case overlap(path: String, input: String, other: String)
    /// The state store counted some of the partial's logs before, but not all: its counts
    /// cannot be split by log.
    case partlyCounted(path: String, counted: [String], new: [String])

    /// Whether the partial could not be read at all (rather than read, and refused).
    public var isUnreadable: Bool {
        switch self {
        case .unavailable, .unreadable, .unsupportedFormat: return true
        case .mismatch, .overlap, .partlyCounted: return false
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let path, let reason):
            return "partial \(path): \(reason)"
        case .unreadable(let path, let reason):
            return "partial \(path) is not a usage-audit partial, or is damaged (\(reason)): make it again with usage-audit partial or merge (they write a partial whole or not at all: one cut short was damaged or copied in part since)"
        case .unsupportedFormat(let path, let format, let writer):
            return "partial \(path) has format \(format) (written by usage-audit \(writer)), but this usage-audit reads format \(PartialDocument.formatVersion): make the partials and the final run with the same usage-audit version"
        case .mismatch(let path, let what, let partial, let expected):
            return "partial \(path) was counted with \(what) \(partial), but \(expected) is expected here: partials add up only when counted with the same configuration (time zone, scopes, rules of counting) and --as-of; count the shards again with one configuration"
        case .overlap(let path, let input, let other):
            return "partial \(path) holds the log \(input), and so does \(other) (the same content): adding both would count its requests twice; give each log to one shard only"
        case .partlyCounted(let path, let counted, let new) where new.isEmpty:
            return "partial \(path) holds \(Self.list(counted)) of which the state store counted another extent before (a shorter or longer copy): a partial's counts cannot be split by log, so nothing of it was added; give the \(counted.count == 1 ? "log" : "logs") to run as \(counted.count == 1 ? "a file" : "files") instead (a run counts a log on from where the store stopped)"
        case .partlyCounted(let path, let counted, let new):
            return "partial \(path) holds \(Self.list(counted)) that the state store counted before and \(Self.list(new)) that it did not: a partial's counts cannot be split by log, so nothing of it was added; make the partial of the new logs only"
        }
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(3).joined(separator: ", ")
        let more = names.count > 3 ? " and \(names.count - 3) more" : ""
        return "\(names.count == 1 ? "log" : "logs") \(shown)\(more)"
    }
}
