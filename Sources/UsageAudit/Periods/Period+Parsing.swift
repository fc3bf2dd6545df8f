extension Period {
    /// Reads a period as the configuration writes it.
    ///
    /// Accepted: `day`, `week`, `month`, `year` (in any case), `Nd` with N from 1 to
    /// `maximumDayCount` (`30d`), a bare number of days (`7` means `7d`), and `month@D`
    /// with D from 1 to 31. Spaces around the text are ignored.
    /// - Parameter anchor: a day on which an `Nd` window starts; windows repeat every N
    ///   days before and after it. Other periods ignore it.
    /// - Throws: `PeriodError` naming the accepted spellings (`0d`, `-3d`, `month@0`,
    ///   `month@32`, `fortnight` are refused).
    public init(parsing text: String, anchor: LocalDay = LocalDay(number: 0)) throws(PeriodError) {
        let trimmed = text.trimmingWhitespace().lowercased()
        switch trimmed {
        case "day": self = .day
        case "week": self = .week
        case "month": self = .month
        case "year": self = .year
        default:
            if trimmed.hasPrefix("month@") {
                let digits = trimmed.dropFirst("month@".count)
                guard let day = Period.integer(digits), (1...31).contains(day) else {
                    throw .invalidBillingDay(text)
                }
                self = .billingCycle(day: day)
                return
            }
            let digits = trimmed.hasSuffix("d") ? trimmed.dropLast() : Substring(trimmed)
            guard let count = Period.integer(digits.hasPrefix("-") ? digits.dropFirst() : digits) else {
                throw .unknownPeriod(text)
            }
            guard !digits.hasPrefix("-"), (1...Period.maximumDayCount).contains(count) else {
                throw .invalidDayCount(text)
            }
            self = .days(count, anchor: anchor)
        }
    }

    /// The value of a non-empty run of ASCII digits, saturating at a large number instead of
    /// overflowing; nil for anything else.
    private static func integer(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard ASCII.isDigit(byte) else { return nil }
            value = min(value * 10 + Int(byte - ASCII.zero), 1 << 40)
        }
        return value
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
