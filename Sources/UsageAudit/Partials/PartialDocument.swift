/// The first line of a partial file, and the records of its other lines. A partial is JSON
/// Lines, each line one JSON value:
///
///     {"hourly": {…}, "lines": {"users": 2, "inputs": 1, "ledger": 1, "days": 3, "hours": 1},
///      "rules": ["[log] format = \"combined\"", …], "scopes": ["geocode", "other"],
///      "timezone": "Europe/Berlin", "usage_audit_partial": 2, "version": "0.11.0"}
///     "alice"                                              ← `lines.users` names
///     {"path": "logs/access.log.gz", "lines": 1200, …}     ← `lines.inputs` inputs
///     {"name": "logs/access.log.gz", "head_digest": …}     ← `lines.ledger` logs by content
///     [0,0,20775,3,3,0,1795000000,1795000500]              ← `lines.days` daily cells
///     [0,0,1795000000,3,3,0,1795000000,1795000500]         ← `lines.hours` hourly slots
///
/// A cell is user (its position among the names), scope (its position in `scopes`), local
/// day number (days since 1970-01-01 in `timezone`) or slot start (epoch seconds), requests,
/// units, rejected, first and last request (epoch seconds); rows are sorted and each key is
/// given once. The line counts of the first line tell a complete file from one cut short.
struct PartialDocument: Codable {
    /// The format's version: a reader refuses any other.
    static let formatVersion = 2

    var format: Int
    /// The usage-audit version that wrote it (for messages).
    var version: String
    var timezone: String
    var scopes: [String]
    /// `CountingRules.lines`.
    var rules: [String]
    var hourly: Hours
    var lines: Lines

    enum CodingKeys: String, CodingKey {
        case format = "usage_audit_partial"
        case version, timezone, scopes, rules, hourly, lines
    }

    /// How many lines of each kind follow the first, in this order.
    struct Lines: Codable {
        var users: Int
        var inputs: Int
        var ledger: Int
        var days: Int
        var hours: Int
    }

    /// How the hourly slots were cut and how far back they are complete.
    struct Hours: Codable {
        var phase: Int64
        var keptSeconds: Int64
        var through: Int64?
        var knownFrom: Int64?

        enum CodingKeys: String, CodingKey {
            case phase
            case keptSeconds = "kept_seconds"
            case through
            case knownFrom = "known_from"
        }
    }

    /// One input's statistics (`InputStatistics`), as `summary.json` of the final run lists it.
    struct Input: Codable {
        var path: String
        var bytes: Int64
        var lines: Int64
        var parsed: Int64
        var malformed: Int64
        var ignored: Int64
        var unattributed: Int64
        var excluded: Int64
        var unreadableCosts: Int64
        var scopesWithCostField: UInt64
        var scopesWithoutCostField: UInt64
        var requests: Int64
        var units: Int64
        var rejected: Int64
        var first: Int64?
        var last: Int64?
        var error: String?
        var samples: [Sample]
        var content: String
        var previousName: String?
        var countedAt: Int64?
        var offset: Int64?
        var skippedBytes: Int64

        enum CodingKeys: String, CodingKey {
            case path, bytes, lines, parsed, malformed, ignored, unattributed, excluded
            case unreadableCosts = "unreadable_costs"
            case scopesWithCostField = "scopes_with_cost_field"
            case scopesWithoutCostField = "scopes_without_cost_field"
            case requests, units, rejected, first, last, error, samples, content
            case previousName = "previous_name"
            case countedAt = "counted_at"
            case offset
            case skippedBytes = "skipped_bytes"
        }
    }

    /// A malformed line quoted (already redacted and cut when it was counted).
    struct Sample: Codable {
        var file: String
        var line: Int
        var text: String
        var reason: String
    }

    /// One input the partial counted, by content (`CountedInput`): what a state store
    /// records when the partial is counted into it.
    struct LedgerEntry: Codable {
        var name: String
        var headLength: Int
        var headDigest: String
        var lineDigest: String
        var length: Int64
        var checksum: UInt32
        var lines: Int64
        var first: Int64?
        var last: Int64?
        var days: [Int32]
        var countedAt: Int64

        enum CodingKeys: String, CodingKey {
            case name
            case headLength = "head_length"
            case headDigest = "head_digest"
            case lineDigest = "line_digest"
            case length, checksum, lines, first, last, days
            case countedAt = "counted_at"
        }
    }
}
