extension Int64 {
    /// The number in decimal with a comma between groups of three digits, without a locale
    /// (reports are byte-identical everywhere): `4963` → `4,963`; `-1200` → `-1,200`.
    ///
    /// Written byte by byte into one string (finding and anomaly sentences name tens of
    /// thousands of numbers a run).
    public var grouped: String {
        var magnitude = self.magnitude
        var digitCount = 1
        var scale: UInt64 = 10
        while digitCount < 20, magnitude >= scale {
            digitCount += 1
            if scale > UInt64.max / 10 { break }
            scale *= 10
        }
        let length = digitCount + (digitCount - 1) / 3 + (self < 0 ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = length
            for index in 0..<digitCount {
                if index > 0, index % 3 == 0 {
                    position -= 1
                    buffer[position] = UInt8(ascii: ",")
                }
                position -= 1
                buffer[position] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            }
            if self < 0 { buffer[0] = UInt8(ascii: "-") }
            return length
        }
    }
}
