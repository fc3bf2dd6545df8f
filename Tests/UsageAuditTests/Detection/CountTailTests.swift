import Foundation
import Testing
@testable import UsageAudit

@Suite("Count tail")
struct CountTailTests {
    /// `P(X ≥ count)` of a negative binomial by summing its upper tail term by term.
    static func negativeBinomialTail(_ count: Int, shape: Double, mean: Double) -> Double {
        let success = shape / (shape + mean)
        var tail = 0.0
        for k in count..<(count * 40 + 2_000) {
            let x = Double(k)
            tail += exp(lgamma(x + shape) - lgamma(shape) - lgamma(x + 1) + shape * log(success) + x * log1p(-success))
        }
        return tail
    }

    @Test("Poisson tails match their closed forms")
    func poisson() {
        // P(X ≥ 3) for a mean of 1: 1 − 2.5/e.
        let expected = -log10(1 - 2.5 / M_E)
        #expect(abs(CountTail.score(observed: 3, mean: 1, variance: 1) - expected) < 1e-9)
        // P(X ≥ 10) for a mean of 4, summed directly.
        var below = 0.0
        for k in 0..<10 { below += exp(Double(k) * log(4) - 4 - lgamma(Double(k) + 1)) }
        #expect(abs(CountTail.score(observed: 10, mean: 4, variance: 4) - -log10(1 - below)) < 1e-9)
    }

    @Test("Negative binomial tails match direct summation", arguments: [
        (10, 2.0, 3.0), (90, 3.7, 20.0), (40, 0.5, 6.0), (300, 16.0, 100.0),
    ])
    func negativeBinomial(count: Int, shape: Double, mean: Double) {
        let variance = mean + mean * mean / shape
        let expected = -log10(Self.negativeBinomialTail(count, shape: shape, mean: mean))
        let score = CountTail.score(observed: Double(count), mean: mean, variance: variance)
        #expect(abs(score - expected) < 1e-6 * max(1, expected), "score \(score), expected \(expected)")
    }

    @Test("Huge counts keep their precision (the Gamma limit of the negative binomial)")
    func hugeCounts() {
        // Mean 10¹⁵ with a coefficient of variation of ¼ (shape 16): P(X ≥ 5μ) is the Gamma
        // tail Q(16, 80) = e⁻⁸⁰ Σₖ<₁₆ 80ᵏ/k!.
        let mean = 1e15
        var sum = 0.0
        for k in 0..<16 { sum += exp(Double(k) * log(80) - 80 - lgamma(Double(k) + 1)) }
        let expected = -log10(sum)
        let score = CountTail.score(observed: 5 * mean, mean: mean, variance: mean + mean * mean / 16)
        #expect(abs(score - expected) < 1e-3 * expected, "score \(score), expected \(expected)")
    }

    @Test("Scores are capped, never NaN, and 0 at or below the mean")
    func bounds() {
        let extremes: [(Double, Double, Double)] = [
            (Double(Int64.max), 1, 1), (Double(Int64.max), 1, 1e30), (Double(Int64.max), 9e18, 9e18),
            (Double(Int64.max), 1e18, 1e40), (9.2e18, 9.1e18, 1e36), (51, 1, 1), (1e9, 1, 2),
        ]
        for (observed, mean, variance) in extremes {
            let score = CountTail.score(observed: observed, mean: mean, variance: variance)
            #expect(!score.isNaN && score >= 0 && score <= CountTail.scoreCap, "\(observed) \(mean) \(variance) → \(score)")
        }
        #expect(CountTail.score(observed: Double(Int64.max), mean: 1, variance: 1) == CountTail.scoreCap)
        #expect(CountTail.score(observed: 5, mean: 5, variance: 25) == 0)
        #expect(CountTail.score(observed: 2, mean: 5, variance: 25) == 0)
        #expect(CountTail.score(observed: 5, mean: 0, variance: 0) == 0)
        #expect(CountTail.score(observed: .nan, mean: 1, variance: 1) == 0)
    }

    @Test("The score grows with the observation and shrinks with the variance")
    func monotone() {
        var previous = 0.0
        for observed in stride(from: 120.0, through: 2_000, by: 40) {
            let score = CountTail.score(observed: observed, mean: 100, variance: 900)
            #expect(score >= previous)
            previous = score
        }
        let tight = CountTail.score(observed: 300, mean: 100, variance: 100)
        let loose = CountTail.score(observed: 300, mean: 100, variance: 10_000)
        #expect(tight > loose)
    }
}
