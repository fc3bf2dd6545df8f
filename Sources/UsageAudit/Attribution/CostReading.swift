/// What a request's cost came to: a scope's constant, a cost field's whole number, or a
/// cost field that was absent or held something else (both count 0 units, and are counted
/// apart so that a run can say so).
public enum CostReading: Equatable, Sendable {
    /// The scope's constant cost.
    case constant(Int64)
    /// The whole number the cost field held (`7`, or `7.0` as JSON writers put it).
    case field(Int64)
    /// The cost field was `-`, empty, or not in the line (a JSON key it lacks): 0 units.
    case absent
    /// The cost field held something that is not a whole number from 0 to `maximumUnits`: 0 units.
    case unreadable

    /// The most units one request may cost (2⁴⁰, about 1.1 × 10¹²: a terabyte logged as
    /// bytes). More is a garbled field, not a request: counted, a few such lines would pin a
    /// user's counters at the 64-bit maximum for the rest of the period.
    public static let maximumUnits: Int64 = 1 << 40

    /// The units the request counts.
    @inline(__always)
    public var units: Int64 {
        switch self {
        case .constant(let units), .field(let units): units
        case .absent, .unreadable: 0
        }
    }

    /// The reading of a cost field's bytes.
    @inline(__always)
    static func field(_ bytes: UnsafeBufferPointer<UInt8>) -> CostReading {
        if let units = ASCII.parseInteger(bytes) { return units <= maximumUnits ? .field(units) : .unreadable }
        if ASCII.isAbsent(bytes) { return .absent }
        guard let units = wholeDecimal(bytes), units <= maximumUnits else { return .unreadable }
        return .field(units)
    }

    /// `N.0…` (digits, a point, zeros only) as N; nil for anything else.
    private static func wholeDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let point = bytes.firstIndex(of: UInt8(ascii: ".")), point > 0, point < bytes.count - 1,
              bytes[(point + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") })
        else { return nil }
        return ASCII.parseInteger(UnsafeBufferPointer(rebasing: bytes[..<point]))
    }
}
