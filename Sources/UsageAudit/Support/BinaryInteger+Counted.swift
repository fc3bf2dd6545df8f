extension BinaryInteger {
    /// The number, its thousands grouped, and `noun`, plural unless the number is one:
    /// `1 change`, `2,536,000 requests` (nouns whose plural adds an `s`).
    public func counted(_ noun: String) -> String {
        "\(Int64(clamping: self).grouped) \(noun)\(self == 1 ? "" : "s")"
    }
}
