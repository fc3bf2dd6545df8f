/// Numbers as `report.html` shows them: whole numbers with thousands separators, decimals
/// with a fixed number of places, SVG coordinates with one decimal. No locale is consulted,
/// so the page is the same byte for byte on every machine.
enum HTMLNumber {
    /// `4963` → `4,963`; `-1200` → `-1,200`.
    static func grouped(_ value: Int64) -> String {
        value.grouped
    }

    /// `value` with a comma between thousands and `places` decimals (`1,234.50`); `–` when
    /// not finite or too large to show exactly.
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite, (0...6).contains(places) else { return "–" }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let product = (value * Double(scale)).rounded()
        guard product.magnitude < 9e18 else { return "–" }
        let scaled = Int64(product)
        let whole = grouped(Int64(scaled.magnitude / UInt64(scale)))
        let sign = scaled < 0 ? "-" : ""
        guard places > 0 else { return sign + whole }
        let fraction = String(scaled.magnitude % UInt64(scale))
        return sign + whole + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// A coordinate for an SVG attribute: one decimal, without a trailing `.0` (`12`, `3.5`).
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int64((min(max(value, -1e9), 1e9) * 10).rounded())
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// The raw value a sortable cell sorts by: the integer in decimal, no separators.
    static func sortKey(_ value: Int64) -> String {
        String(value)
    }

    /// The raw value of a decimal sortable cell (empty for none, which sorts first).
    static func sortKey(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }
}
