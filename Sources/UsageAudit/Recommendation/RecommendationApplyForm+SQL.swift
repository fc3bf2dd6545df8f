extension RecommendationApplyForm {
    /// The SQL script for the gazetteer's profile table or the long table: one transaction,
    /// a header saying what it is, each statement after its recommendation.
    ///
    /// * `whg`: `UPDATE <table> SET "daily_limit" = N WHERE "user_id" = (SELECT "id" FROM
    ///   <user table> WHERE "username" = '…') AND <guard>`; only `all`/`day` limits (the
    ///   only ones the gazetteer keeps). The gazetteer has no "use the default" value, so
    ///   `revert_to_default` writes the default's number.
    /// * `long`: `UPDATE <table> SET "limit" = N WHERE "user" = '…' AND "scope" = '…' AND
    ///   "period" = '…' AND <guard>`; `revert_to_default` sets `"limit" = NULL` (empty = the
    ///   default). A user without a stored row gets an `INSERT … SELECT … WHERE NOT EXISTS`.
    ///
    /// The guard is the value the audit read: `"limit" = 5000`, or `IS NULL` when the store
    /// held no value. A `temporary_raise` is followed by the statement that undoes it,
    /// commented out, for after the job.
    static func sqlFile(
        for recommendations: [Recommendation], layout: FixSQLLayout, limits: LimitResolver, moment: String
    ) -> RecommendationApplyFile {
        let table = CounterFixSQL.identifier(layout.table)
        var header = [
            "-- usage-audit limit recommendations, for review. NOTHING HERE HAS BEEN EXECUTED.",
            "-- Audit moment \(CounterFixSQL.comment(moment)); layout \(layout.name), table \(CounterFixSQL.comment(table)).",
            "-- Each statement changes a limit only if it still holds the value the audit read: a limit changed",
            "-- since is left alone (0 rows). A changed limit does not reset the counter.",
        ]
        switch layout {
        case .whg(_, let userTable):
            header.append("-- Assumed schema: \(CounterFixSQL.comment(table))(user_id -> "
                + "\(CounterFixSQL.comment(CounterFixSQL.identifier(userTable))).id, daily_limit); 0 would mean unlimited.")
        case .long:
            header.append("-- Assumed schema: \(CounterFixSQL.comment(table))(user, scope, period, limit); NULL = the default.")
        }
        var body: [String] = []
        var notes: [String] = []
        var applied = 0
        for recommendation in recommendations {
            guard let statement = sqlStatement(for: recommendation, layout: layout, limits: limits, notes: &notes) else { continue }
            applied += 1
            body.append("")
            body.append("-- " + CounterFixSQL.comment(heading(recommendation)))
            body += statement
        }
        header.append("-- \(applied.counted("change")) for \(recommendations.count.counted("recommendation")).")
        for note in notes { header.append("-- not written: " + CounterFixSQL.comment(note)) }
        let lines = header + ["BEGIN;"] + body + ["", "COMMIT;"]
        let name = layout.name == "whg" ? whgFileName : longFileName
        return RecommendationApplyFile(name: name, text: lines.joined(separator: "\n") + "\n", applied: applied, notes: notes)
    }

    /// The statement lines for one recommendation, or nil (with a note) when the layout
    /// cannot express it or a name may not go into SQL.
    static func sqlStatement(
        for recommendation: Recommendation, layout: FixSQLLayout, limits: LimitResolver, notes: inout [String]
    ) -> [String]? {
        guard let recommended = recommendation.recommendedLimit, recommended > 0 else { return nil }
        guard let user = CounterFixSQL.literal(recommendation.user), let scope = CounterFixSQL.literal(recommendation.scope),
              // The store's own spelling of the period (`Day`, `30`), which its rows match.
              let period = CounterFixSQL.literal(
                limits.profile(user: recommendation.user, scope: recommendation.scope, period: recommendation.period)?
                    .rowKey?.period ?? recommendation.period.name)
        else {
            notes.append(note(recommendation, "the user or scope name holds control characters; change it by hand"))
            return nil
        }
        let stored = stored(recommendation, limits: limits)
        let table = CounterFixSQL.identifier(layout.table)
        switch layout {
        case .whg(_, let userTable):
            guard recommendation.scope == AuditConfiguration.allScope, recommendation.period == .day else {
                notes.append(note(recommendation, "the gazetteer keeps only the all/day limit"))
                return nil
            }
            let match = "\"user_id\" = (SELECT \"id\" FROM \(CounterFixSQL.identifier(userTable)) WHERE \"username\" = \(user))"
            func update(to value: Int64, from old: String) -> String {
                "UPDATE \(table) SET \"daily_limit\" = \(value) WHERE \(match) AND \(old);"
            }
            let old = guardClause(column: "daily_limit", stored: stored, current: recommendation.currentLimit)
            var lines = [update(to: recommended, from: old)]
            if recommendation.action == .temporaryRaise, let current = recommendation.currentLimit {
                lines.append("-- after the job: " + update(to: current, from: "\"daily_limit\" = \(recommended)"))
            }
            return lines
        case .long:
            let match = "\"user\" = \(user) AND \"scope\" = \(scope) AND \"period\" = \(period)"
            let value = recommendation.action == .revertToDefault ? "NULL" : String(recommended)
            guard stored != nil else {
                var lines = [
                    "INSERT INTO \(table) (\"user\", \"scope\", \"period\", \"limit\")",
                    "  SELECT \(user), \(scope), \(period), \(value)",
                    "  WHERE NOT EXISTS (SELECT 1 FROM \(table) WHERE \(match));",
                ]
                if recommendation.action == .temporaryRaise {
                    lines.append("-- after the job: UPDATE \(table) SET \"limit\" = NULL WHERE \(match) AND \"limit\" = \(recommended);")
                }
                return lines
            }
            let old = guardClause(column: "limit", stored: stored, current: recommendation.currentLimit)
            var lines = ["UPDATE \(table) SET \"limit\" = \(value) WHERE \(match) AND \(old);"]
            if recommendation.action == .temporaryRaise {
                let back = stored == .useDefault ? "NULL" : recommendation.currentLimit.map(String.init) ?? "NULL"
                lines.append("-- after the job: UPDATE \(table) SET \"limit\" = \(back) WHERE \(match) AND \"limit\" = \(recommended);")
            }
            return lines
        }
    }

    /// The condition that the limit still holds what the audit read: the stored number, or
    /// no value (the default applied; a store may also hold the default's number).
    static func guardClause(column: String, stored: StoredLimit?, current: Int64?) -> String {
        let quoted = "\"\(column)\""
        switch stored {
        case .limit(let value)?:
            return "\(quoted) = \(value)"
        case .useDefault?, nil:
            guard let current else { return "\(quoted) IS NULL" }
            return "(\(quoted) IS NULL OR \(quoted) = \(current))"
        case .unlimited?:
            return "\(quoted) IS NULL"
        }
    }
}
