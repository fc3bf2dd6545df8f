/// Rows handed from one stage to the next either as an array or as a walk that produces
/// them one at a time from data the stage holds anyway (an aggregate, an hourly table), so
/// that the receiving stage can write hundreds of thousands of rows without their all
/// being held at once.
public struct RowSource<Row: Sendable>: Sendable {
    private let walk: @Sendable (_ body: (Row) throws -> Void) throws -> Void

    /// Rows held as they are.
    public init(_ rows: [Row]) {
        walk = { body in
            for row in rows { try body(row) }
        }
    }

    /// Rows produced by `walk`, which calls its argument with each row in order and throws
    /// only what that argument throws.
    public init(walk: @escaping @Sendable (_ body: (Row) throws -> Void) throws -> Void) {
        self.walk = walk
    }

    /// Calls `body` with each row in order.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        try walk(body)
    }

    /// Every row, in order (materialized).
    public var all: [Row] {
        var rows: [Row] = []
        // The walk throws only what the body throws, and this body does not.
        try? walk { rows.append($0) }
        return rows
    }
}
