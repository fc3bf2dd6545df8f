/// Int64 arithmetic that saturates instead of trapping: stored counters come from
/// untrusted stores and may hold any value, `Int64.min` included.
enum Saturating {
    @inline(__always)
    static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    @inline(__always)
    static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? .max : .min) : difference
    }

    /// `|a − b|` without overflow.
    @inline(__always)
    static func distance(_ a: Int64, _ b: Int64) -> UInt64 {
        a >= b ? UInt64(bitPattern: a &- b) : UInt64(bitPattern: b &- a)
    }

    /// Whether `a` and `b` differ by at most `tolerance`.
    @inline(__always)
    static func within(_ a: Int64, _ b: Int64, _ tolerance: Int64) -> Bool {
        distance(a, b) <= UInt64(max(0, tolerance))
    }
}
