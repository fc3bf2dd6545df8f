extension Int64 {
    /// `self` as a whole percentage of `whole`, rounded away from 100 so that only the whole
    /// itself reads as 100 %: 99.6 % of a limit reads 99 % (not reaching it), 100.5 % reads
    /// 101 % (past it). `57.percent(of: 50)` is 114, exactly (in floating point 57 / 50 × 100
    /// is 113.99999… and would print as 113).
    ///
    /// Exact for every value: `.max` when the percentage does not fit, 0 for a `whole` that
    /// is not positive or a negative `self` (counts are never negative).
    func percent(of whole: Int64) -> Int64 {
        guard whole > 0, self > 0 else { return 0 }
        let (floor, isExact) = flooredPercent(of: whole)
        // Past the whole, a fraction left over rounds up.
        return self > whole && !isExact && floor < .max ? floor + 1 : floor
    }

    /// `⌊100 · self / whole⌋` for `self`, `whole` > 0 (`.max` when it does not fit), and
    /// whether nothing was left over.
    private func flooredPercent(of whole: Int64) -> (Int64, isExact: Bool) {
        if self <= Int64.max / 100 { return (self * 100 / whole, (self * 100) % whole == 0) }
        // ⌊100·self / whole⌋ = 100·q + ⌊100·r / whole⌋ for self = q·whole + r.
        let (quotient, remainder) = quotientAndRemainder(dividingBy: whole)
        let (hundreds, overflow) = quotient.multipliedReportingOverflow(by: 100)
        if overflow { return (.max, false) }
        // 100·r / whole < 100 (r < whole): a full-width division that cannot overflow.
        let rest = whole.dividingFullWidth(remainder.multipliedFullWidth(by: 100))
        let (sum, carried) = hundreds.addingReportingOverflow(rest.quotient)
        return carried ? (.max, false) : (sum, rest.remainder == 0)
    }
}
