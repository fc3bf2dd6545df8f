/// Writes the UPDATE statements that would set wrong stored counters to the values
/// recomputed from the logs (`--fix-sql`), for a person to review and run by hand. The
/// audit never executes them.
///
/// Only `drift` and `stale_reset` findings on the `used` counter are fixed. Each statement
/// changes a counter only if it still holds the value the audit read, so a counter that
/// moved since (live traffic) is left alone. The script is one transaction (`BEGIN` …
/// `COMMIT`) with a header saying what it is; every statement is preceded by its finding.
///
/// Quoting: identifiers in double quotes (`"user"` is a reserved word in PostgreSQL),
/// text in single quotes with `'` doubled — standard SQL, as SQLite and PostgreSQL (with
/// its default `standard_conforming_strings = on`) read it, so a backslash is an ordinary
/// character. User names come from untrusted logs: a name holding a control character
/// (a line break could end a comment) gets no statement, only a note to write it by hand.
///
/// In the long layout a statement matches the row by the store's own spelling of its
/// period (`Day`, `30`) and, when the row has one, by its `period_start` (a table with a
/// row per bucket): keyed on user, scope and period alone it would also overwrite other
/// buckets' correct rows. Profiles that repeat a counter without a `period_start` get a
/// warning beside the statement instead.
public struct CounterFixSQL: Sendable {
    public let layout: FixSQLLayout
    /// The row keys of the profiles the findings came from, by `origin`.
    private let rowKeys: [String: StoredRowKey]
    /// How many profiles there are of each counter.
    private let rowsPerCounter: [CounterKey: Int]

    /// - Parameter profiles: the profiles audited (their `rowKey`s pick the rows to update).
    public init(layout: FixSQLLayout, profiles: [StoredProfile] = []) {
        self.layout = layout
        var keys: [String: StoredRowKey] = [:]
        var rows: [CounterKey: Int] = [:]
        for profile in profiles {
            if let key = profile.rowKey, !profile.origin.isEmpty { keys[profile.origin] = key }
            rows[CounterKey(profile), default: 0] += 1
        }
        rowKeys = keys
        rowsPerCounter = rows
    }

    /// The kinds of finding a statement is written for.
    public static let fixedKinds: Set<FindingKind> = [.drift, .staleReset]

    /// The whole script for `findings` (in their order), dated `asOf` in `calendar`'s zone.
    public func script(for findings: [ReconciliationFinding], asOf: Int64, calendar: ZonedCalendar) -> String {
        let fixable = findings.filter { Self.fixedKinds.contains($0.kind) && $0.field == "used" && $0.stored != nil && $0.recomputed != nil }
        var lines = [
            "-- usage-audit --fix-sql: corrections of stored counters, for review. NOTHING HERE HAS BEEN EXECUTED.",
            "-- Audit moment \(calendar.rfc3339(asOf)) (\(Self.comment(FindingText.zoneName(calendar.timeZone)))); layout \(layout.name), "
                + "table \(Self.comment(Self.identifier(layout.table))).",
            "-- Each UPDATE sets a counter to the value recomputed from the logs, and only if it still holds the",
            "-- value the audit read: a counter that moved since is left alone (0 rows; re-run the audit first).",
            "-- Setting a value does not fix its cause: read each finding's detail.",
        ]
        switch layout {
        case .whg(let table, let userTable):
            lines.append("-- Assumed schema: \(Self.comment(Self.identifier(table)))(user_id -> \(Self.comment(Self.identifier(userTable))).id, "
                + "daily_count) and \(Self.comment(Self.identifier(userTable)))(id, username); only all/day counters.")
        case .long(let table):
            let keyed = fixable.compactMap { rowKeys[$0.origin] }
            let extra = keyed.contains { $0.periodStart != nil } ? ", period_start" : ""
            lines.append("-- Assumed schema: \(Self.comment(Self.identifier(table)))(user, scope, period\(extra), used).")
        }
        var body: [String] = []
        var statements = 0
        for finding in fixable {
            let statement = statement(for: finding)
            if statement.first?.hasPrefix("UPDATE") == true { statements += 1 }
            body.append("")
            body.append("-- \(Self.comment(finding.user)) \(Self.comment(finding.scope))/\(finding.period.name) \(finding.bucket) "
                + "\(finding.kind.rawValue): \(Self.comment(finding.detail))")
            if case .long = layout, statement.first?.hasPrefix("UPDATE") == true, rowKeys[finding.origin]?.periodStart == nil,
               let rows = rowsPerCounter[CounterKey(user: finding.user, scope: finding.scope, period: finding.period)], rows > 1 {
                body.append("-- The profiles hold \(rows) rows of this counter and no period_start: this UPDATE matches every "
                    + "one of them that still holds \(finding.stored ?? 0); add a condition that picks \(Self.comment(finding.origin)).")
            }
            if finding.recomputedIsLeast, statement.first?.hasPrefix("UPDATE") == true {
                body.append("-- \(finding.recomputed ?? 0) is the least use the logs prove (they end before the counter was read): "
                    + "the counter may need more; re-run the audit with the logs up to the read for the exact value.")
            }
            body += statement
        }
        lines.append("-- \(statements.counted("UPDATE statement")) for \(fixable.count.counted("counter finding")) "
            + "(of \(findings.count.counted("finding"))).")
        lines.append("BEGIN;")
        lines += body
        lines.append("")
        lines.append("COMMIT;")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The statement for one finding, or comment lines saying why there is none.
    func statement(for finding: ReconciliationFinding) -> [String] {
        guard let stored = finding.stored, let recomputed = finding.recomputed else { return [] }
        guard let user = Self.literal(finding.user), let scope = Self.literal(finding.scope) else {
            return ["-- skipped: the user or scope name holds control characters; write this update by hand."]
        }
        switch layout {
        case .whg(let table, let userTable):
            guard finding.scope == AuditConfiguration.allScope, finding.period == .day else {
                return ["-- skipped: the whg layout keeps only the all/day counter."]
            }
            return [
                "UPDATE \(Self.identifier(table)) SET \"daily_count\" = \(recomputed)",
                "  WHERE \"user_id\" = (SELECT \"id\" FROM \(Self.identifier(userTable)) WHERE \"username\" = \(user))",
                "    AND \"daily_count\" = \(stored);",
            ]
        case .long(let table):
            let key = rowKeys[finding.origin]
            guard let period = Self.literal(key?.period ?? finding.period.name) else {
                return ["-- skipped: the stored period holds control characters; write this update by hand."]
            }
            var bucket = ""
            if let start = key?.periodStart {
                guard let literal = Self.literal(start) else { return ["-- skipped: period_start holds control characters."] }
                bucket = " AND \"period_start\" = \(literal)"
            }
            return [
                "UPDATE \(Self.identifier(table)) SET \"used\" = \(recomputed)",
                "  WHERE \"user\" = \(user) AND \"scope\" = \(scope) AND \"period\" = \(period)\(bucket)",
                "    AND \"used\" = \(stored);",
            ]
        }
    }

    /// `'text'` with `'` doubled; nil when the text holds a control character (NUL, line
    /// breaks, …), which no statement should carry.
    static func literal(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: isControl) else { return nil }
        var quoted = "'"
        for character in text.unicodeScalars {
            if character == "'" { quoted += "''" } else { quoted.unicodeScalars.append(character) }
        }
        return quoted + "'"
    }

    /// A possibly schema-qualified name (`public.api_userapiprofile`) with each part in
    /// double quotes, `"` doubled; control characters dropped.
    static func identifier(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { part in
            var quoted = "\""
            for character in part.unicodeScalars where !isControl(character) {
                if character == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(character) }
            }
            return quoted + "\""
        }.joined(separator: ".")
    }

    /// Text made safe for a `--` comment: control characters (a line break would end the
    /// comment and start a statement) become `?`.
    static func comment(_ text: String) -> String {
        var safe = ""
        for character in text.unicodeScalars {
            if isControl(character) { safe += "?" } else { safe.unicodeScalars.append(character) }
        }
        return safe
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
