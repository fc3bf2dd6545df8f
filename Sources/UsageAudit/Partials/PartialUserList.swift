/// The users of a partial as its file lists them: each name once, as valid UTF-8 (a name of
/// invalid UTF-8 repaired, as the state store keeps it), sorted by bytes; and where each user
/// of the daily and hourly tables is in that list.
struct PartialUserList {
    /// The names in file order.
    private(set) var names: [[UInt8]] = []
    /// The list position of each daily user id, and of each hourly one.
    private(set) var daily: [Int32] = []
    private(set) var hourly: [Int32] = []

    init(daily dailyUsers: ByteInterner, hourly hourlyUsers: ByteInterner) {
        var interned = ByteInterner()
        let dailyIDs = Self.intern(dailyUsers, into: &interned)
        let hourlyIDs = Self.intern(hourlyUsers, into: &interned)
        let rank = interned.ranksByBytes()
        var order = [Int32](repeating: 0, count: rank.count)
        for (id, position) in rank.enumerated() { order[Int(position)] = Int32(id) }
        names = order.map { id in interned.withBytes(of: id) { Array($0) } }
        daily = dailyIDs.map { rank[Int($0)] }
        hourly = hourlyIDs.map { rank[Int($0)] }
    }

    /// Each name of `users` interned (repaired when not valid UTF-8) into `interned`.
    private static func intern(_ users: ByteInterner, into interned: inout ByteInterner) -> [Int32] {
        (0..<Int32(users.count)).map { id in
            users.withBytes(of: id) { bytes in
                if String(validating: bytes, as: UTF8.self) != nil { return interned.intern(bytes) }
                return interned.intern(String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}
