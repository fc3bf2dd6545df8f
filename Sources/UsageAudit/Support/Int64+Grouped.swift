extension Int64 {
    /// The number in decimal with a comma between groups of three digits, without a locale
    /// (reports are byte-identical everywhere): `4963` → `4,963`; `-1200` → `-1,200`.
    public var grouped: String {
        let digits = String(magnitude)
        var text = self < 0 ? "-" : ""
        text.reserveCapacity(digits.utf8.count + digits.utf8.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
