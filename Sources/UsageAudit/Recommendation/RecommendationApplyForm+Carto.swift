extension RecommendationApplyForm {
    /// The geo platform's way to set a quota (its `quota_management.md`): in the Rails
    /// console, `u = User.find(username: '…')`, `u.geocoding_quota = 2000`, `u.save`.
    ///
    /// One guarded block per recommendation on a service's monthly quota (scopes as
    /// `CartoService` maps them; period `month` or a billing cycle): the quota is set only if
    /// it still holds the value the audit read, else the script says so and goes on. The
    /// platform has no per-user "default", so `revert_to_default` writes the default's number.
    /// Strings are Ruby single-quoted literals (`\` and `'` escaped).
    static func cartoFile(for recommendations: [Recommendation], limits: LimitResolver, moment: String) -> RecommendationApplyFile {
        var body: [String] = []
        var notes: [String] = []
        var applied = 0
        for recommendation in recommendations {
            guard let block = cartoBlock(for: recommendation, limits: limits, notes: &notes) else { continue }
            applied += 1
            body.append("")
            body.append("# " + CounterFixSQL.comment(heading(recommendation)))
            body += block
        }
        var lines = [
            "# usage-audit limit recommendations for the geo platform, for review. NOTHING HERE HAS BEEN EXECUTED.",
            "# Audit moment \(CounterFixSQL.comment(moment)). Paste into the Rails console (bundle exec rails c).",
            "# Each quota is changed only if it still holds the value the audit read. A changed quota does not",
            "# reset this month's use.",
            "# \(applied.counted("change")) for \(recommendations.count.counted("recommendation")).",
        ]
        for note in notes { lines.append("# not written: " + CounterFixSQL.comment(note)) }
        lines += body
        return RecommendationApplyFile(name: cartoFileName, text: lines.joined(separator: "\n") + "\n", applied: applied, notes: notes)
    }

    /// The console lines for one recommendation, or nil (with a note).
    static func cartoBlock(for recommendation: Recommendation, limits: LimitResolver, notes: inout [String]) -> [String]? {
        guard let recommended = recommendation.recommendedLimit, recommended > 0 else { return nil }
        guard let service = CartoService.all.first(where: { $0.scope == recommendation.scope }) else {
            notes.append(note(recommendation, "the geo platform has no service for this scope"))
            return nil
        }
        switch recommendation.period {
        case .month, .billingCycle: break
        default:
            notes.append(note(recommendation, "the geo platform's quotas are monthly"))
            return nil
        }
        guard let user = rubyLiteral(recommendation.user) else {
            notes.append(note(recommendation, "the user name holds control characters; change it by hand"))
            return nil
        }
        let field = service.quotaField
        var lines = ["u = User.find(username: \(user))"]
        if case .limit(let old)? = stored(recommendation, limits: limits) {
            lines.append("if u && u.\(field) == \(old)")
        } else if let current = recommendation.currentLimit {
            lines.append("if u && (u.\(field).nil? || u.\(field) == \(current))")
        } else {
            lines.append("if u")
        }
        lines += [
            "  u.\(field) = \(recommended)",
            "  u.save",
            "else",
            "  puts \(user) + \(rubyLiteral(": \(field) changed since the audit (or no such user); skipped")!)",
            "end",
        ]
        if recommendation.action == .temporaryRaise, let current = recommendation.currentLimit {
            lines.append("# after the job: u = User.find(username: \(user)); u.\(field) = \(current); u.save")
        }
        return lines
    }

    /// `'text'` as a Ruby single-quoted literal (`\` and `'` escaped); nil when the text
    /// holds a control character.
    static func rubyLiteral(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: CounterFixSQL.isControl) else { return nil }
        var quoted = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": quoted += "\\'"
            case "\\": quoted += "\\\\"
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "'"
    }
}
