/// The table shape `--fix-sql` writes its UPDATE statements for.
public enum FixSQLLayout: Hashable, Sendable {
    /// The gazetteer's Django model `UserAPIProfile`: one row per user with the `all`/`day`
    /// counter in `daily_count`, linked by `user_id` to Django's user table (`id`,
    /// `username`). Assumed names: Django's defaults, `api_userapiprofile` (app label
    /// `api`) and `auth_user`; pass the real ones when the app label differs.
    case whg(table: String = "api_userapiprofile", userTable: String = "auth_user")
    /// The `long` layout kept as a table: columns `user`, `scope`, `period` (as the store
    /// writes it, `day`, `30d`, `month@15`; the configuration's spelling when unknown), the
    /// counter `used`, and `period_start` when the profiles had one.
    case long(table: String = "profiles")

    /// The layout's name as `?layout=` writes it.
    public var name: String {
        switch self {
        case .whg: return "whg"
        case .long: return "long"
        }
    }

    /// The table the statements update.
    public var table: String {
        switch self {
        case .whg(let table, _): return table
        case .long(let table): return table
        }
    }

    /// The table SQL is written for, by default, for profiles read in the layout named
    /// `layoutName` from the database table `table` (nil: a file): the gazetteer's own
    /// tables for `whg` (what is read is an export or a view joining `auth_user`, which no
    /// UPDATE can change), `table` for a long-layout table, else `profiles`.
    public static func defaulted(layoutName: String?, table: String?) -> FixSQLLayout {
        if layoutName == "whg" { return .whg() }
        // Another layout's table has other columns: the long shape's placeholder, with a warning.
        guard layoutName == "long", let table else { return .long() }
        return .long(table: table)
    }
}
