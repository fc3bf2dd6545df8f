/// A partial as its file holds it: JSON, one document. Counts are whole numbers, written and
/// read exactly; cells are arrays of numbers rather than objects, so that a shard's file stays
/// a few times the size of its state-store rows.
///
///     {"usage_audit_partial": 1, "version": "0.11.0", "timezone": "Europe/Berlin",
///      "scopes": ["geocode", "other"], "rules": ["[log] format = \"combined\"", …],
///      "users": ["alice", …],
///      "hourly": {"phase": 0, "kept_seconds": 172800, "through": null, "known_from": null},
///      "days": [[user, scope, day, requests, units, rejected, first_seen, last_seen], …],
///      "hours": [[user, scope, slot_start, requests, units, rejected, first_seen, last_seen], …],
///      "inputs": [{"path": …, "lines": …, …}], "ledger": [{"name": …, "head_digest": …, …}]}
///
/// `user` indexes `users`, `scope` indexes `scopes`, `day` is a local day number (days since
/// 1970-01-01 in the configured zone).
struct PartialDocument: Codable {
    /// The format's version: a reader refuses any other.
    static let formatVersion = 1

    var format: Int
    /// The usage-audit version that wrote it (for messages).
    var version: String
    var timezone: String
    var scopes: [String]
    /// `CountingRules.lines`.
    var rules: [String]
    var users: [String]
    var hourly: Hours
    var days: [[Int64]]
    var hours: [[Int64]]
    var inputs: [Input]
    var ledger: [LedgerEntry]

    enum CodingKeys: String, CodingKey {
        case format = "usage_audit_partial"
        case version, timezone, scopes, rules, users, hourly, days, hours, inputs, ledger
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
