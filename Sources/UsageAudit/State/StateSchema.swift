/// The state store's tables, versioned: `audit_meta` holds `schema_version` and the time
/// zone; each migration moves the schema one version on, inside the run's first transaction.
///
/// The same tables serve SQLite and PostgreSQL; only the id column is spelled per dialect,
/// and in SQLite the usage tables are `WITHOUT ROWID` (stored in key order: one B-tree per
/// table instead of two, three with the day index) without an index on the day
/// (a scan in key order reads the history faster than an index on the day would).
///
/// Versions: 1 the first; 2 (SQLite only, PostgreSQL moves on unchanged) the usage tables
/// rebuilt `WITHOUT ROWID`, the day index dropped; 3 (SQLite only) the hourly slots packed
/// into one row per user and scope (`SlotPacking`; `SQLiteStateStore` converts the rows,
/// which SQL alone cannot); 4 (SQLite only) the daily cells packed into one row per user,
/// scope and block of 32 days (`DayPacking`, converted the same way).
public enum StateSchema {
    public enum Dialect: Sendable {
        case sqlite
        case postgres
    }

    /// The version this build writes.
    public static let version = 4

    /// The statements that move a store at `from` (0: empty) to `version`.
    public static func migrations(from: Int, dialect: Dialect) -> [String] {
        var statements: [String] = []
        if from < 1 {
            let id = dialect == .sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY"
            statements += [
                "CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE audit_runs (id \(id), started_at BIGINT NOT NULL, as_of BIGINT NOT NULL,
                    inputs BIGINT NOT NULL, lines BIGINT NOT NULL, version TEXT NOT NULL)
                """,
                """
                CREATE TABLE audit_inputs (id \(id), head_length BIGINT NOT NULL, head_digest TEXT NOT NULL, line_digest TEXT NOT NULL,
                    length BIGINT NOT NULL, checksum BIGINT NOT NULL, name TEXT NOT NULL, lines BIGINT NOT NULL,
                    first_time BIGINT, last_time BIGINT, days TEXT NOT NULL, counted_at BIGINT NOT NULL)
                """,
                "CREATE UNIQUE INDEX audit_inputs_head ON audit_inputs (head_length, head_digest)",
            ]
            statements += usageTables(
                daily: "audit_daily_usage", hourly: "audit_hourly_usage", dialect: dialect, packs: dialect == .sqlite)
            if dialect == .postgres {
                statements.append("CREATE INDEX audit_daily_usage_day ON audit_daily_usage (day)")
            }
        } else if from < 2, dialect == .sqlite {
            // Version 1 → 2: the usage tables rebuilt without rowid, their rows copied over.
            // Slots and cells in rows, as version 2 kept them: packing them follows
            // (`needsSlotPacking`, `needsDayPacking`).
            statements += usageTables(
                daily: "audit_daily_usage_v2", hourly: "audit_hourly_usage_v2", dialect: dialect, packs: false)
            for (table, key) in [("audit_daily_usage", "day"), ("audit_hourly_usage", "slot_start")] {
                statements += [
                    """
                    INSERT INTO \(table)_v2 (user_name, scope, \(key), requests, units, rejected, first_seen, last_seen)
                    SELECT user_name, scope, \(key), requests, units, rejected, first_seen, last_seen FROM \(table)
                    """,
                    "DROP TABLE \(table)",
                    "ALTER TABLE \(table)_v2 RENAME TO \(table)",
                ]
            }
        }
        return statements
    }

    /// Whether a store at `version` keeps one row per hourly slot that must be packed after the
    /// statements of `migrations` (SQLite before 3; PostgreSQL keeps rows).
    public static func needsSlotPacking(from version: Int, dialect: Dialect) -> Bool {
        dialect == .sqlite && version >= 1 && version < 3
    }

    /// Whether a store at `version` keeps one row per daily cell that must be packed after the
    /// statements of `migrations` and the slots' packing (SQLite before 4; PostgreSQL keeps rows).
    public static func needsDayPacking(from version: Int, dialect: Dialect) -> Bool {
        dialect == .sqlite && version >= 1 && version < 4
    }

    /// SQLite's daily table from version 4: one row per user, scope and block of days
    /// (`block_start`, the block's first day number), its cells packed (`DayPacking`).
    public static func packedDailyTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (user_name TEXT NOT NULL, scope TEXT NOT NULL, block_start BIGINT NOT NULL, days BLOB NOT NULL,
            PRIMARY KEY (user_name, scope, block_start)) WITHOUT ROWID
        """
    }

    /// SQLite: writes one user's packed cells of one scope and block (user, scope, block
    /// start, packed bytes) into `table`, replacing the row there.
    public static func upsertPackedDays(into table: String) -> String {
        """
        INSERT INTO \(table) (user_name, scope, block_start, days) VALUES (?, ?, ?, ?)
        ON CONFLICT (user_name, scope, block_start) DO UPDATE SET days = excluded.days
        """
    }

    /// SQLite: the packed cells of one user, scope and block (user, scope, block start) in `table`.
    public static func selectPackedDays(from table: String) -> String {
        "SELECT days FROM \(table) WHERE user_name = ? AND scope = ? AND block_start = ?"
    }

    /// SQLite's hourly table from version 3: one row per user and scope, its slots packed.
    public static func packedHourlyTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (user_name TEXT NOT NULL, scope TEXT NOT NULL, slots BLOB NOT NULL,
            PRIMARY KEY (user_name, scope)) WITHOUT ROWID
        """
    }

    /// SQLite: inserts one user's packed slots of one scope (user, scope, packed bytes) into `table`.
    public static func insertPackedSlots(into table: String) -> String {
        "INSERT INTO \(table) (user_name, scope, slots) VALUES (?, ?, ?)"
    }

    /// The daily and hourly usage tables, named `daily` and `hourly`; packed (days and slots)
    /// when `packs`.
    private static func usageTables(daily: String, hourly: String, dialect: Dialect, packs: Bool) -> [String] {
        let layout = dialect == .sqlite ? " WITHOUT ROWID" : ""
        let dailyTable = """
            CREATE TABLE \(daily) (user_name TEXT NOT NULL, scope TEXT NOT NULL, day BIGINT NOT NULL,
                requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
                first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, day))\(layout)
            """
        if packs { return [packedDailyTable(named: daily), packedHourlyTable(named: hourly)] }
        return [
            dailyTable,
            """
            CREATE TABLE \(hourly) (user_name TEXT NOT NULL, scope TEXT NOT NULL, slot_start BIGINT NOT NULL,
                requests BIGINT NOT NULL, units BIGINT NOT NULL, rejected BIGINT NOT NULL,
                first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, PRIMARY KEY (user_name, scope, slot_start))\(layout)
            """,
        ]
    }

    /// PostgreSQL: upserts many daily cells in one statement, each placeholder an array with
    /// one element per cell: user, scope, day, requests, units, rejected, first seen, last seen
    /// (`text[]` for user and scope, `bigint[]` for the rest). A cell's key must not repeat
    /// within one statement.
    public static let upsertCellArrays = "\(cellInsertion) SELECT * FROM UNNEST(\(arrayPlaceholders)) \(cellConflict)"

    /// PostgreSQL: inserts many hourly slots in one statement, as `upsertCellArrays` does cells.
    public static let insertSlotArrays = "\(slotInsertion) SELECT * FROM UNNEST(\(arrayPlaceholders))"

    private static let cellInsertion =
        "INSERT INTO audit_daily_usage (user_name, scope, day, requests, units, rejected, first_seen, last_seen)"
    private static let slotInsertion =
        "INSERT INTO audit_hourly_usage (user_name, scope, slot_start, requests, units, rejected, first_seen, last_seen)"
    private static let cellConflict = """
        ON CONFLICT (user_name, scope, day) DO UPDATE SET
        requests = excluded.requests, units = excluded.units, rejected = excluded.rejected,
        first_seen = excluded.first_seen, last_seen = excluded.last_seen
        """
    private static let arrayPlaceholders =
        "$1::text[], $2::text[], " + (3...8).map { "$\($0)::bigint[]" }.joined(separator: ", ")
}
