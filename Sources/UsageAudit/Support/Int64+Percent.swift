extension Int64 {
    /// `self` as a whole percentage of `whole`, rounded down so that 99.6 % of a limit never
    /// reads as reaching it: `57.percent(of: 50)` is 114, exactly (in floating point
    /// 57 / 50 × 100 is 113.99999… and would print as 113).
    ///
    /// Exact for every value: `.max` when the percentage does not fit, 0 for a `whole` that
    /// is not positive or a negative `self` (counts are never negative).
    func percent(of whole: Int64) -> Int64 {
        guard whole > 0, self > 0 else { return 0 }
        if self <= Int64.max / 100 { return self * 100 / whole }
        // ⌊100·self / whole⌋ = 100·q + ⌊100·r / whole⌋ for self = q·whole + r.
        let (quotient, remainder) = quotientAndRemainder(dividingBy: whole)
        let (hundreds, overflow) = quotient.multipliedReportingOverflow(by: 100)
        if overflow { return .max }
        // 100·r / whole < 100 (r < whole): a full-width division that cannot overflow.
        let rest = whole.dividingFullWidth(remainder.multipliedFullWidth(by: 100)).quotient
        let (sum, carried) = hundreds.addingReportingOverflow(rest)
        return carried ? .max : sum
    }
}
