/// Limits a person would write: numbers rounded *up* onto a ladder of round values, and
/// arithmetic on limits that saturates instead of trapping.
///
/// The ladder, per power of ten `P` (for numbers of 10 and more):
///
/// | leading digit | step | values |
/// |---|---|---|
/// | 1 | P/10 | 1.0 P, 1.1 P, … 1.9 P |
/// | 2–4 | P/5 | 2.0 P, 2.2 P, … 4.8 P |
/// | 5–9 | P/2 | 5.0 P, 5.5 P, … 9.5 P |
///
/// So `6,230` → `6,500`, `1,040` → `1,100`, `2,090` → `2,200`, `12,345` → `13,000`,
/// `48,001` → `50,000`. Each step is at most a tenth of the number, so rounding adds at most
/// 10% — finer than the 1-2-5 series (6,230 → 10,000 would be a 60% jump) and rounder than
/// two significant digits (6,230 → 6,300). Numbers under 10 are kept. The result is never
/// below the number; when rounding up would overflow `Int64`, the number is kept.
public enum HumanNumber {
    /// `value` rounded up onto the ladder.
    public static func roundedUp(_ value: Int64) -> Int64 {
        guard value >= 10 else { return value }
        var power: Int64 = 1
        while power <= value / 10 { power *= 10 }
        let leading = value / power
        let step: Int64
        if leading < 2 {
            step = power / 10
        } else if leading < 5 {
            step = power / 5
        } else {
            step = power / 2
        }
        guard step > 1 else { return value }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: step)
        guard remainder != 0 else { return value }
        let (rounded, overflow) = (quotient + 1).multipliedReportingOverflow(by: step)
        return overflow ? value : rounded
    }

    /// `value × factor`, rounded up to a whole number, saturating at `Int64.max` (and at 0
    /// below); a factor that is not finite gives `value`.
    public static func scaled(_ value: Int64, by factor: Double) -> Int64 {
        guard factor.isFinite else { return value }
        return clamped(Double(value) * factor)
    }

    /// `value × factor` for a whole factor, saturating at the bounds of `Int64`.
    public static func multiplied(_ value: Int64, by factor: Int64) -> Int64 {
        let (product, overflow) = value.multipliedReportingOverflow(by: factor)
        guard overflow else { return product }
        return (value < 0) == (factor < 0) ? .max : .min
    }

    /// A non-negative real rounded up to a whole number that `Int64` holds.
    static func clamped(_ number: Double) -> Int64 {
        guard number.isFinite else { return number > 0 ? .max : 0 }
        if number <= 0 { return 0 }
        // 2^63 is exactly representable; anything at or above it saturates.
        if number >= 9_223_372_036_854_775_807.0 { return .max }
        // Products like 8,000 × 1.15 land a hair off the whole number they mean.
        let nearest = number.rounded()
        if abs(number - nearest) <= 1e-9 * max(1, number) { return Int64(nearest) }
        return Int64(number.rounded(.up))
    }
}
