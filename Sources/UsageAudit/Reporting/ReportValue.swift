/// One typed cell of a report: text is escaped and neutralised, numbers are not.
public enum ReportValue: Hashable, Sendable {
    /// Text from anywhere, including untrusted logs (user names, details).
    case text(String)
    case integer(Int64)
    case decimal(Double)
    /// An empty cell (`null` in JSON).
    case empty

    public init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .empty
    }
}
