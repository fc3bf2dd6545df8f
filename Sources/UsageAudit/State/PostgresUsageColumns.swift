import PostgresNIO

/// Daily cells or hourly slots turned into one array per column, the bindings of
/// `StateSchema.upsertCellArrays` and `insertSlotArrays`: thousands of rows in one statement
/// instead of one round trip each.
struct PostgresUsageColumns {
    private(set) var users: [String] = []
    private(set) var scopes: [String] = []
    /// The day number of a cell, the start of a slot.
    private(set) var keys: [Int64] = []
    private(set) var requests: [Int64] = []
    private(set) var units: [Int64] = []
    private(set) var rejected: [Int64] = []
    private(set) var firstSeen: [Int64] = []
    private(set) var lastSeen: [Int64] = []

    var count: Int { keys.count }

    init(capacity: Int) {
        users.reserveCapacity(capacity)
        scopes.reserveCapacity(capacity)
        keys.reserveCapacity(capacity)
        requests.reserveCapacity(capacity)
        units.reserveCapacity(capacity)
        rejected.reserveCapacity(capacity)
        firstSeen.reserveCapacity(capacity)
        lastSeen.reserveCapacity(capacity)
    }

    mutating func append(user: String, scope: String, key: Int64, counts: UsageCounts) {
        users.append(Self.storable(user))
        scopes.append(Self.storable(scope))
        keys.append(key)
        requests.append(counts.requests)
        units.append(counts.units)
        rejected.append(counts.rejected)
        firstSeen.append(counts.firstSeen)
        lastSeen.append(counts.lastSeen)
    }

    /// The eight arrays, in the statements' placeholder order.
    var bindings: PostgresBindings {
        var bindings = PostgresBindings(capacity: 8)
        bindings.append(users)
        bindings.append(scopes)
        for column in [keys, requests, units, rejected, firstSeen, lastSeen] {
            bindings.append(column)
        }
        return bindings
    }

    /// `rows` cut into groups of at most `size`, each as columns made by `add`.
    static func batches<Row>(of rows: [Row], size: Int, _ add: (inout PostgresUsageColumns, Row) -> Void) -> [PostgresUsageColumns] {
        stride(from: 0, to: rows.count, by: max(size, 1)).map { start in
            let end = min(start + max(size, 1), rows.count)
            var columns = PostgresUsageColumns(capacity: end - start)
            for row in rows[start..<end] { add(&columns, row) }
            return columns
        }
    }

    /// `text` as PostgreSQL can store it: a `text` value cannot hold U+0000, which becomes U+FFFD.
    static func storable(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : $0 }))
    }
}
