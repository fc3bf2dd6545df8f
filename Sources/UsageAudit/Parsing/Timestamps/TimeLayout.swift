/// How one log field writes a time, and the reader that takes it back from bytes.
///
/// The presets cover what servers write by themselves; `init(strftime:)` compiles the
/// pattern of an Apache `%{…}t` field. `read` is called for every log line: it works on
/// the bytes, allocates nothing and never traps.
public struct TimeLayout: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// `DD/Mon/YYYY:HH:MM:SS ±hhmm`, read by hand: it is the most common layout.
        case commonLog
        /// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][offset]`.
        case iso8601
        /// An integer count of `1 / unitsPerSecond` seconds since the epoch, optionally
        /// with a fraction.
        case epoch(unitsPerSecond: Int64)
        /// A compiled strftime pattern.
        case steps([TimeStep])
    }

    let kind: Kind
    /// What the layout was made from, for messages: a preset's name or the pattern.
    public let name: String

    init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// `10/Oct/2000:13:55:36 -0700`: nginx `$time_local`, Apache `%t` (without the brackets).
    /// Month names are English, in any case.
    public static let commonLog = TimeLayout(kind: .commonLog, name: "commonLog")

    /// The strftime steps equivalent to `commonLog`, so that Apache's default `%t` pattern
    /// compiles to the hand-written reader.
    static let commonLogSteps: [TimeStep] = [
        .number(.day, digits: 2...2, leadingSpace: false), .literal(ASCII.slash),
        .monthName, .literal(ASCII.slash),
        .number(.year, digits: 4...4, leadingSpace: false), .literal(ASCII.colon),
        .number(.hour, digits: 2...2, leadingSpace: false), .literal(ASCII.colon),
        .number(.minute, digits: 2...2, leadingSpace: false), .literal(ASCII.colon),
        .number(.second, digits: 2...2, leadingSpace: false), .literal(ASCII.space),
        .offset,
    ]

    /// `2000-10-10T13:55:36Z`: nginx `$time_iso8601`, JSON logs. A space may replace the
    /// `T`; seconds, a fraction of any length (dropped) and the offset (`Z`, `+02:00`,
    /// `+0200`) are optional. Without an offset the time is local to the configured zone.
    public static let iso8601 = TimeLayout(kind: .iso8601, name: "iso8601")

    /// `1700000000` or `1700000000.123`: nginx `$msec`, Apache `%{sec}t`.
    public static let epochSeconds = TimeLayout(kind: .epoch(unitsPerSecond: 1), name: "epochSeconds")

    /// `1700000000123`: Apache `%{msec}t`.
    public static let epochMilliseconds = TimeLayout(kind: .epoch(unitsPerSecond: 1000), name: "epochMilliseconds")

    /// `1700000000123456`: Apache `%{usec}t`.
    public static let epochMicroseconds = TimeLayout(kind: .epoch(unitsPerSecond: 1_000_000), name: "epochMicroseconds")

    /// Reads the time written in `bytes` into `parts`, adding to what other fields of the
    /// line put there.
    /// - Returns: false when the bytes do not match the layout exactly (trailing bytes
    ///   included); `parts` may then be partly filled and should be discarded.
    public func read(_ bytes: UnsafeBufferPointer<UInt8>, into parts: inout TimeParts) -> Bool {
        var cursor = TimeCursor(bytes)
        switch kind {
        case .commonLog:
            guard TimeLayout.readCommonLog(&cursor, into: &parts) else { return false }
        case .iso8601:
            guard TimeLayout.readISO8601(&cursor, into: &parts) else { return false }
        case .epoch(let unitsPerSecond):
            guard TimeLayout.readEpoch(&cursor, unitsPerSecond: unitsPerSecond, into: &parts) else { return false }
        case .steps(let steps):
            for step in steps {
                guard step.read(&cursor, into: &parts) else { return false }
            }
        }
        return cursor.isAtEnd
    }

    private static func readCommonLog(_ cursor: inout TimeCursor, into parts: inout TimeParts) -> Bool {
        guard let day = cursor.digits(2), cursor.skip(ASCII.slash),
            let month = TimeNames.readMonth(&cursor), cursor.skip(ASCII.slash),
            let year = cursor.digits(4), cursor.skip(ASCII.colon),
            let hour = cursor.digits(2), cursor.skip(ASCII.colon),
            let minute = cursor.digits(2), cursor.skip(ASCII.colon),
            let second = cursor.digits(2), cursor.skip(ASCII.space),
            let offset = cursor.utcOffset()
        else { return false }
        parts.year = year
        parts.month = month
        parts.day = day
        parts.hour = hour
        parts.minute = minute
        parts.second = second
        parts.utcOffset = offset
        return true
    }

    private static func readISO8601(_ cursor: inout TimeCursor, into parts: inout TimeParts) -> Bool {
        guard let year = cursor.digits(4), cursor.skip(ASCII.dash),
            let month = cursor.digits(2), cursor.skip(ASCII.dash),
            let day = cursor.digits(2)
        else { return false }
        guard cursor.skip(UInt8(ascii: "T")) || cursor.skip(ASCII.space) || cursor.skip(UInt8(ascii: "t")) else {
            return false
        }
        guard let hour = cursor.digits(2), cursor.skip(ASCII.colon), let minute = cursor.digits(2) else {
            return false
        }
        parts.year = year
        parts.month = month
        parts.day = day
        parts.hour = hour
        parts.minute = minute
        parts.second = 0
        if cursor.skip(ASCII.colon) {
            guard let second = cursor.digits(2) else { return false }
            parts.second = second
            if cursor.skip(UInt8(ascii: ".")) || cursor.skip(UInt8(ascii: ",")) {
                guard cursor.skipFraction() != nil else { return false }
            }
        }
        if !cursor.isAtEnd {
            guard let offset = cursor.utcOffset() else { return false }
            parts.utcOffset = offset
        }
        return true
    }

    private static func readEpoch(_ cursor: inout TimeCursor, unitsPerSecond: Int64, into parts: inout TimeParts) -> Bool {
        guard var units = cursor.signedInteger() else { return false }
        // A positive fraction never changes the floor of a whole number of units divided
        // by unitsPerSecond (≥ 1), so it is checked and dropped; a negative value with a
        // fraction lies below its integer part (-1.5 < -1) and is floored one unit lower.
        if cursor.skip(UInt8(ascii: ".")) {
            guard let nonZero = cursor.skipFraction() else { return false }
            if nonZero && units < 0 { units -= 1 }
        }
        var seconds = units / unitsPerSecond
        if units % unitsPerSecond != 0 && units < 0 { seconds -= 1 }
        parts.absoluteSeconds = seconds
        return true
    }
}

extension TimeLayout: CustomStringConvertible {
    public var description: String { name }
}
