/// Renders recommendations as the apply form of the quota store they are about, for a
/// person to review and run by hand; usage-audit never applies a limit.
///
/// | layout | file | form |
/// |---|---|---|
/// | `whg` | `recommendations-whg.sql` | `UPDATE`s of the gazetteer's `daily_limit` (all/day only), one transaction |
/// | `long` | `recommendations-long.sql` | `UPDATE`s (or guarded `INSERT`s) of the long table's `limit`, one transaction |
/// | `waldur` | `recommendations-waldur-set-quota.jsonl` | one body for `POST /api/chat-quota/set_quota/` per user and line |
/// | `carto` | `recommendations-carto.rb` | a Rails console script setting `<service>_quota` |
/// | `smart-ratelimit` | none | the limit is the `@quota(limit=…)` argument in the application's code |
///
/// Every change is guarded by the value the audit read: a limit that staff changed since is
/// left alone. `keep` rows are never written. Quoting follows `CounterFixSQL` (identifiers
/// in double quotes, text in single quotes, both with their quote doubled); a user or scope
/// name holding a control character gets no statement, only a note.
public enum RecommendationApplyForm {
    /// The gazetteer's SQL script.
    public static let whgFileName = "recommendations-whg.sql"
    /// The long table's SQL script.
    public static let longFileName = "recommendations-long.sql"
    /// The chat service's set-quota bodies, one JSON object per line.
    public static let waldurFileName = "recommendations-waldur-set-quota.jsonl"
    /// The geo platform's Rails console script.
    public static let cartoFileName = "recommendations-carto.rb"
    /// Every apply-form file name: a night without recommendations removes last night's.
    public static let fileNames = [whgFileName, longFileName, waldurFileName, cartoFileName]

    /// The apply-form files for `recommendations` in the store `layout` (the layout the
    /// profiles were read with); empty when the layout has no apply form or none is known.
    /// - Parameters:
    ///   - limits: the resolver made from the stored profiles: the value each change is
    ///     guarded by, and the unchanged limits a set-quota body must repeat.
    ///   - asOf: the audit moment, for the header.
    ///   - tables: the SQL tables (`--fix-sql-table`): for `whg` and `long` stores, their
    ///     table names (defaults: `api_userapiprofile` + `auth_user`, `profiles`); with no
    ///     layout, the SQL form to write anyway.
    public static func files(
        for recommendations: [Recommendation], layout: (any ProfileLayout)?, limits: LimitResolver,
        asOf: Int64, calendar: ZonedCalendar, tables: FixSQLLayout? = nil
    ) -> [RecommendationApplyFile] {
        files(for: recommendations, layoutName: layout?.name, limits: limits, asOf: asOf, calendar: calendar, tables: tables)
    }

    /// As `files(for:layout:…)`, with the layout given by its `?layout=` name.
    public static func files(
        for recommendations: [Recommendation], layoutName: String?, limits: LimitResolver,
        asOf: Int64, calendar: ZonedCalendar, tables: FixSQLLayout? = nil
    ) -> [RecommendationApplyFile] {
        let actionable = recommendations.filter { $0.action != .keep && $0.recommendedLimit != nil }
        let moment = "\(calendar.rfc3339(asOf)) (\(FindingText.zoneName(calendar.timeZone)))"
        switch layoutName?.lowercased() {
        case "whg":
            let layout = tables?.name == "whg" ? tables! : .whg()
            return [sqlFile(for: actionable, layout: layout, limits: limits, moment: moment)]
        case "long":
            let layout = tables?.name == "long" ? tables! : .long()
            return [sqlFile(for: actionable, layout: layout, limits: limits, moment: moment)]
        case "waldur":
            return [waldurFile(for: actionable, limits: limits)]
        case "carto":
            return [cartoFile(for: actionable, limits: limits, moment: moment)]
        case nil:
            guard let tables else { return [] }
            return [sqlFile(for: actionable, layout: tables, limits: limits, moment: moment)]
        default:
            return []
        }
    }

    /// Why a layout has no apply form, for a message; nil when it has one.
    public static func unavailableReason(layoutName: String) -> String? {
        switch layoutName.lowercased() {
        case "whg", "long", "waldur", "carto": return nil
        case "smart-ratelimit":
            return "django-smart-ratelimit takes each limit from the @quota(limit=…) argument in the application's code "
                + "(its table only mirrors it): change the decorator; recommendations.csv has the numbers"
        default:
            return "no apply form is known for the layout '\(layoutName)'; recommendations.csv has the numbers"
        }
    }

    /// The limit the store holds for a recommendation's user, scope and period, as read.
    static func stored(_ recommendation: Recommendation, limits: LimitResolver) -> StoredLimit? {
        limits.profile(user: recommendation.user, scope: recommendation.scope, period: recommendation.period)?.limit
    }

    /// `ana all/day raise: reason` for a comment line.
    static func heading(_ recommendation: Recommendation) -> String {
        "\(recommendation.user) \(recommendation.scope)/\(recommendation.period.name) \(recommendation.action.rawValue): "
            + recommendation.reason
    }

    /// The note for a recommendation the form cannot express.
    static func note(_ recommendation: Recommendation, _ why: String) -> String {
        "\(CounterFixSQL.comment(recommendation.user)) \(CounterFixSQL.comment(recommendation.scope))/"
            + "\(recommendation.period.name) \(recommendation.action.rawValue): \(why)"
    }
}
