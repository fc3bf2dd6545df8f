extension BinaryInteger {
    /// The number and `noun`, plural unless the number is one: `1 change`, `2 changes`
    /// (nouns whose plural adds an `s`).
    public func counted(_ noun: String) -> String {
        "\(self) \(noun)\(self == 1 ? "" : "s")"
    }
}
