/// Identifies one cell of usage: a user, a scope and a local day.
public struct UsageKey: Hashable, Sendable {
    /// The user's id in the aggregate's user table.
    public var user: Int32
    /// The scope's index in `AuditConfiguration.scopeNames`.
    public var scope: Int32
    public var day: LocalDay

    public init(user: Int32, scope: Int32, day: LocalDay) {
        self.user = user
        self.scope = scope
        self.day = day
    }
}

extension UsageKey: CountTableKey {
    @inline(__always)
    var tableHash: UInt64 {
        let packed = UInt64(UInt32(bitPattern: user)) << 32 | UInt64(UInt32(bitPattern: day.number))
        return Self.mix(packed ^ (UInt64(UInt32(bitPattern: scope)) &* 0x9E37_79B9_7F4A_7C15))
    }
}
