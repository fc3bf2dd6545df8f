/// The UTC offsets of the time-zone abbreviations that name one offset (`CEST`, `EST`,
/// `PDT`, `JST`, `AEST`), for `%Z` in a time written without a numeric offset.
///
/// Abbreviations that name several (`CST`: US Central or China; `IST`: India, Ireland or
/// Israel; `BST`; `AST`) are left out: a time in one of them is not read.
enum ZoneAbbreviations {
    /// Offsets in seconds east of UTC, by the abbreviation's upper-case letters packed into
    /// an integer (`key(_:)`).
    private static let offsets: [UInt64: Int] = {
        let table: [(String, Int)] = [
            ("UT", 0), ("WET", 0), ("WEST", 3600), ("CET", 3600), ("CEST", 7200), ("MET", 3600), ("MEST", 7200),
            ("EET", 7200), ("EEST", 10800), ("MSK", 10800), ("WAT", 3600), ("CAT", 7200), ("SAST", 7200), ("EAT", 10800),
            ("NST", -12600), ("NDT", -9000), ("ADT", -10800), ("EST", -18000), ("EDT", -14400), ("CDT", -18000),
            ("MST", -25200), ("MDT", -21600), ("PST", -28800), ("PDT", -25200), ("AKST", -32400), ("AKDT", -28800),
            ("HST", -36000), ("WIB", 25200), ("HKT", 28800), ("SGT", 28800), ("AWST", 28800), ("JST", 32400),
            ("KST", 32400), ("ACST", 34200), ("ACDT", 37800), ("AEST", 36000), ("AEDT", 39600), ("NZST", 43200),
            ("NZDT", 46800),
        ]
        var offsets: [UInt64: Int] = [:]
        for (name, offset) in table { offsets[key(Array(name.utf8)[...])!] = offset }
        return offsets
    }()

    /// The offset of the abbreviation `letters` (ASCII letters, any case), or nil when it
    /// names no single one.
    static func offset(of letters: some Collection<UInt8>) -> Int? {
        key(letters).flatMap { offsets[$0] }
    }

    /// Two to five ASCII letters, upper-cased, one byte each.
    private static func key(_ letters: some Collection<UInt8>) -> UInt64? {
        guard (2...5).contains(letters.count) else { return nil }
        var key: UInt64 = 0
        for letter in letters { key = key << 8 | UInt64(letter & 0xDF) }
        return key
    }
}
