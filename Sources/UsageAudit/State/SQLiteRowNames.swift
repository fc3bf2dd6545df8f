/// The user and scope of the row a SQLite writer is building, and of the row it wrote last,
/// in buffers reused from row to row; and where the row being built stands against the one
/// written last in the table's key order (names by their bytes, as SQLite's binary collation
/// compares them, and as the store keys them: two spellings Swift deems equal, a precomposed
/// and a decomposed accent, are two users). Shared by `SQLiteDayBlockWriter` and
/// `SQLiteSlotRowWriter`.
struct SQLiteRowNames {
    /// Where the row being built stands against the row written last.
    enum Order {
        /// Its user, or its scope, comes first: the rows are out of order.
        case before
        /// The same user and scope.
        case same
        /// Its user, or its scope, comes after (or nothing was written yet).
        case after
    }

    /// The bytes of the row being built, while `isHeld`.
    private(set) var user: [UInt8] = []
    private(set) var scope: [UInt8] = []
    private(set) var isHeld = false
    /// The bytes of the row written last, while `hasWritten`.
    private var writtenUser: [UInt8] = []
    private var writtenScope: [UInt8] = []
    private var hasWritten = false

    /// Whether the row being built is of `user` and `scope`.
    @inline(__always)
    func holds(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>) -> Bool {
        isHeld && self.user.hasSameBytes(as: user) && self.scope.hasSameBytes(as: scope)
    }

    /// Starts a row of `user` and `scope` (their bytes copied into the buffers).
    mutating func hold(user: UnsafeBufferPointer<UInt8>, scope: UnsafeBufferPointer<UInt8>) {
        self.user.removeAll(keepingCapacity: true)
        self.user.append(contentsOf: user)
        self.scope.removeAll(keepingCapacity: true)
        self.scope.append(contentsOf: scope)
        isHeld = true
    }

    /// Ends the row being built without writing it.
    mutating func release() {
        isHeld = false
    }

    /// Ends the row being built as written: it is now the row written last (its buffers
    /// swapped in, not copied).
    mutating func noteWritten() {
        swap(&user, &writtenUser)
        swap(&scope, &writtenScope)
        hasWritten = true
        isHeld = false
    }

    /// Where the row being built stands against the row written last.
    func orderAgainstWritten() -> Order {
        guard hasWritten else { return .after }
        return writtenUser.withUnsafeBufferPointer { writtenUser in
            user.withUnsafeBufferPointer { user in
                if !writtenUser.hasSameBytes(as: user) { return ByteInterner.precedes(writtenUser, user) ? .after : .before }
                return writtenScope.withUnsafeBufferPointer { writtenScope in
                    scope.withUnsafeBufferPointer { scope in
                        if writtenScope.hasSameBytes(as: scope) { return .same }
                        return ByteInterner.precedes(writtenScope, scope) ? .after : .before
                    }
                }
            }
        }
    }
}
