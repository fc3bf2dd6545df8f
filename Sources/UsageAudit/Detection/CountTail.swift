import Foundation

/// How surprising a daily count is: the upper tail `P(X ≥ observed)` of an over-dispersed
/// count model, as a score `−log₁₀ p`.
///
/// Daily API use is a count, and counts of real users vary more than a Poisson process
/// would (bulk days, quiet days), so the model is a negative binomial with the given mean
/// and variance; when the variance is no larger than the mean it is the Poisson
/// distribution. Both tails are computed in log space from the regularized incomplete
/// gamma and beta functions, so tiny probabilities do not underflow before they are capped.
enum CountTail {
    /// The highest score reported: `p` below 10⁻⁹⁹·⁹ is "certainly out of character", and
    /// a finite cap keeps reports free of `inf`.
    static let scoreCap = 99.9

    /// `−log₁₀ P(X ≥ observed)` for a count `X` with `mean` and `variance`, in `0…scoreCap`;
    /// 0 when `observed` is not above the mean or an input is not a positive finite number.
    static func score(observed: Double, mean: Double, variance: Double) -> Double {
        guard observed.isFinite, mean.isFinite, variance.isFinite, mean > 0, observed > mean else {
            return observed.isInfinite && observed > 0 && mean > 0 ? scoreCap : 0
        }
        // Counts are whole; the tail of a fractional observation is that of its ceiling.
        let count = observed.rounded(.up)
        let excess = max(variance, mean) - mean
        // Past a million times the count the negative binomial is the Poisson distribution
        // to many digits, and its shape parameter would lose precision.
        let shape = excess > 0 ? mean / excess * mean : .infinity
        let logTail = shape.isFinite && shape < 1e6 * count
            ? logNegativeBinomialTail(count, shape: shape, mean: mean)
            : logPoissonTail(count, mean: mean)
        guard !logTail.isNaN else { return 0 }
        return min(scoreCap, max(0, -logTail / M_LN10))
    }

    /// `ln P(X ≥ count)` for `X ~ Poisson(mean)`: the regularized lower incomplete gamma
    /// function `P(count, mean)`, summed as its power series (which converges fast in the
    /// upper tail, where `count > mean`).
    static func logPoissonTail(_ count: Double, mean: Double) -> Double {
        guard count > 0 else { return 0 }
        // P(a, z) = e^(−z) z^a / Γ(a+1) · Σₙ zⁿ / ((a+1)…(a+n)).
        var term = 1.0
        var sum = 1.0
        var index = 1.0
        while index < 10_000 {
            term *= mean / (count + index)
            sum += term
            if term < sum * 1e-16 { break }
            index += 1
        }
        let logTail = -mean + count * Foundation.log(mean) - logGamma(count + 1) + Foundation.log(sum)
        return min(0, logTail)
    }

    /// `ln P(X ≥ count)` for a negative binomial `X` with `shape` r and `mean` μ (success
    /// probability r / (r + μ)): the regularized incomplete beta `I_z(count, r)` with
    /// `z = μ / (r + μ)`.
    static func logNegativeBinomialTail(_ count: Double, shape: Double, mean: Double) -> Double {
        guard count > 0 else { return 0 }
        // ln z and ln(1 − z), each without cancellation.
        let logZ = -Foundation.log1p(shape / mean)
        let logOneMinusZ = -Foundation.log1p(mean / shape)
        return logIncompleteBeta(a: count, b: shape, logX: logZ, logOneMinusX: logOneMinusZ)
    }

    /// `ln I_x(a, b)`, the regularized incomplete beta function, from `ln x` and `ln(1 − x)`.
    static func logIncompleteBeta(a: Double, b: Double, logX: Double, logOneMinusX: Double) -> Double {
        let x = Foundation.exp(logX)
        let front = a * logX + b * logOneMinusX - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            // The continued fraction converges fast on this side: the tail itself.
            return min(0, front + Foundation.log(continuedFraction(a: a, b: b, x: x)) - Foundation.log(a))
        }
        // Otherwise I_x(a, b) = 1 − I_(1−x)(b, a), and the tail is not small.
        let complement = Foundation.exp(front + Foundation.log(continuedFraction(a: b, b: a, x: Foundation.exp(logOneMinusX))) - Foundation.log(b))
        return complement >= 1 ? -.infinity : Foundation.log1p(-complement)
    }

    /// The continued fraction of the incomplete beta function (modified Lentz's method).
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let sum = a + b
        var c = 1.0
        var d = 1 - sum * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        var step = 1.0
        while step <= 1000 {
            let twice = 2 * step
            var factor = step * (b - step) * x / ((a - 1 + twice) * (a + twice))
            d = 1 + factor * d
            if abs(d) < tiny { d = tiny }
            c = 1 + factor / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            factor = -(a + step) * (sum + step) * x / ((a + twice) * (a + 1 + twice))
            d = 1 + factor * d
            if abs(d) < tiny { d = tiny }
            c = 1 + factor / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            result *= change
            if abs(change - 1) < 1e-15 { break }
            step += 1
        }
        return result
    }

    /// `ln B(a, b)`, keeping precision when one argument is huge (a count of 10¹⁸ units).
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let (large, small) = a >= b ? (a, b) : (b, a)
        return logGamma(small) - logGammaRise(large, by: small)
    }

    /// `ln Γ(x + h) − ln Γ(x)`: from Stirling's series when `x` is large (the direct
    /// difference of two huge logarithms would lose every digit), else directly.
    static func logGammaRise(_ x: Double, by h: Double) -> Double {
        guard x >= 1e5 else { return logGamma(x + h) - logGamma(x) }
        let sum = x + h
        return (x - 0.5) * Foundation.log1p(h / x) + h * Foundation.log(sum) - h
            + (1 / (12 * sum) - 1 / (12 * x))
    }

    /// `ln Γ(x)` for `x > 0`.
    static func logGamma(_ x: Double) -> Double {
        Foundation.lgamma(x)
    }
}
