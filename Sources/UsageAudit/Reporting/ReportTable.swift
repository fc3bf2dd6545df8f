/// A report as columns and typed rows, rendered by any `OutputFormat`.
public struct ReportTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[ReportValue]]

    public init(columns: [String], rows: [[ReportValue]] = []) {
        self.columns = columns
        self.rows = rows
    }
}
