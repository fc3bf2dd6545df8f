extension LocalDay {
    /// The day `days` later (or earlier), clamped to what `LocalDay` can hold: days from
    /// stores (`period_start`, `snapshot_at`) are untrusted and must not trap.
    func clampedAdding(days: Int) -> LocalDay {
        LocalDay(number: Int32(clamping: Int(number) + days))
    }
}
