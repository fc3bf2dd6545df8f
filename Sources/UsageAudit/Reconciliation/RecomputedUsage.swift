/// What the logs say a stored counter should hold: the units of a bucket up to the
/// snapshot moment, as bounds.
///
/// Exact (`lower == upper`) when the logs show no use after the snapshot in the bucket,
/// or when hourly data splits the snapshot day at the snapshot; otherwise the use of the
/// snapshot day (or of its hour holding the snapshot) may fall on either side of it. Open
/// upwards (`upper == Int64.max`) when the logs end before the snapshot: they prove a
/// least use, not a most.
struct RecomputedUsage: Equatable {
    /// Units certainly used before the snapshot.
    var lower: Int64 = 0
    /// Units possibly used before the snapshot.
    var upper: Int64 = 0
    /// Whether every request of the bucket cost one unit (details then say "requests").
    var requestsOnly = true

    var isExact: Bool { lower == upper }

    /// Whether use after the end of the logs may belong to the counter too (no upper bound).
    var isOpenEnded: Bool { upper == .max }

    /// Whether `stored` fits the recomputed use within `tolerance` units.
    func fits(_ stored: Int64, tolerance: Int64, shiftedBy shift: Int64 = 0) -> Bool {
        stored >= Saturating.subtract(Saturating.add(lower, shift), tolerance)
            && stored <= Saturating.add(Saturating.add(upper, shift), tolerance)
    }

    /// The recomputed value closest to `stored`: what the `recomputed` column shows (and
    /// `--fix-sql` sets). Open upwards, the least use the logs prove.
    func nearest(to stored: Int64) -> Int64 {
        isOpenEnded ? lower : min(max(stored, lower), upper)
    }

    /// `lower` in words, `at least lower`, or `between lower and upper`.
    var description: String {
        if isOpenEnded { return "at least \(FindingText.count(lower))" }
        return isExact ? FindingText.count(lower) : "between \(FindingText.count(lower)) and \(FindingText.count(upper))"
    }

    /// Drops the upper bound: the logs end before the span the counter covers does.
    mutating func openUpwards() {
        upper = .max
    }

    mutating func add(certain units: Int64) {
        lower = Saturating.add(lower, units)
        upper = Saturating.add(upper, units)
    }

    mutating func add(possible units: Int64) {
        upper = Saturating.add(upper, units)
    }
}
