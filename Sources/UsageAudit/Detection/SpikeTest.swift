/// Whether one day's units are a spike: far above the user's own robust baseline, by a
/// count-aware test and by plain size, so that neither noise on a light user nor a
/// steady heavy user near the limit is reported.
///
/// A day is a spike when all of these hold:
/// * the count tail `P(X ≥ observed)` under a negative binomial with mean
///   `μ = max(level, minimumMean)` and variance `max(μ, spread², (minimumDispersion·μ)²)`
///   gives a score `−log₁₀ p ≥ minimumScore`;
/// * `observed ≥ minimumRatio × μ`;
/// * `observed − μ ≥ minimumExcess`.
///
/// The constants were chosen on seeded synthetic users (light, heavy, sparse, weekday-only,
/// steady at 90–98 % of a 5,000 limit) with spikes of 5–50× planted: every planted spike
/// clears all three conditions with room to spare, while the noise of ordinary days —
/// including a lognormal day-to-day spread of 50 % — and a steady user's best day never
/// clear the ratio and the score together (see `SpikeTestTests`, `PlantedSpikeTests`).
struct SpikeTest: Sendable {
    /// A score of 6 is a one-in-a-million day under the user's own model: with 100,000
    /// users × 4 series judged every night, the model alone would raise well under one
    /// false alarm a night, and the ratio condition removes most of those.
    static let minimumScore = 6.0
    /// "Far above": at least three times the usual day. A steady user's noise (a few per
    /// cent) and a weekly rhythm's heavier days stay below it; planted 5× spikes do not.
    static let minimumRatio = 3.0
    /// At least 50 units above the usual day: 0 → 3 or 4 → 30 calls is a big ratio, but
    /// nothing staff should look at on an API whose limits count thousands.
    static let minimumExcess = 50.0
    /// The smallest mean the tail is computed with, so that a user whose usual day is 0
    /// (history of refusals only, or zeros) has a finite, sensible model.
    static let minimumMean = 1.0
    /// The smallest coefficient of variation assumed: even a user whose history is
    /// perfectly flat (MAD 0) varies by a quarter from day to day when something changes,
    /// so a machine-regular user at 1,000 a day is not "certainly" spiking at 1,400.
    static let minimumDispersion = 0.25

    /// The evidence of a spike: the mean judged against and the score.
    struct Verdict: Equatable, Sendable {
        var mean: Double
        var score: Double
    }

    /// The verdict when `observed` units are a spike against `baseline`, else nil.
    static func judge(observed: Int64, baseline: DailyBaseline) -> Verdict? {
        let mean = max(baseline.level, minimumMean)
        let count = Double(observed)
        // The cheap conditions first: most days fail them, and the tail is not needed.
        guard count >= minimumRatio * mean, count - mean >= minimumExcess else { return nil }
        let score = score(observed: count, mean: mean, spread: baseline.spread)
        guard score >= minimumScore else { return nil }
        return Verdict(mean: mean, score: score)
    }

    /// The score of `observed` against a mean and a spread, by the model above.
    static func score(observed: Double, mean: Double, spread: Double) -> Double {
        let dispersion = minimumDispersion * mean
        let variance = max(mean, spread * spread, dispersion * dispersion)
        return CountTail.score(observed: observed, mean: mean, variance: variance)
    }
}
