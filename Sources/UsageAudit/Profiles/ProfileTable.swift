/// The records one profile source holds, before a layout interprets them.
///
/// `columns` is what identifies the layout: a CSV header, a database table's columns, the
/// keys of every JSON object (in first-seen order). It is kept apart from the rows so that
/// a source with a header and no rows can still be recognised (and yield no profiles).
public struct ProfileTable: Hashable, Sendable {
    /// The column or key names, in source order, without duplicates.
    public var columns: [String]
    public var rows: [ProfileRow]

    public init(columns: [String], rows: [ProfileRow]) {
        self.columns = columns
        self.rows = rows
    }

    /// A table whose columns are the keys of `rows`, in first-seen order (for JSON, where
    /// objects may differ in their keys).
    public init(rows: [ProfileRow]) {
        var seen = Set<String>()
        var columns: [String] = []
        for row in rows {
            for key in row.values.keys.sorted() where seen.insert(key).inserted {
                columns.append(key)
            }
        }
        self.init(columns: columns, rows: rows)
    }
}
