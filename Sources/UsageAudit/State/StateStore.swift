/// Where usage-audit remembers what it counted: the inputs (by content) and each user's
/// usage per day. SQLite by default, PostgreSQL for a shared store; the same schema.
///
/// A run calls `open`, counts its inputs against the ledger, reads `history`, and writes
/// everything it adds with one `commit` — one transaction: a run that fails or is killed
/// before it leaves the store as it was.
public protocol StateStore: AnyObject {
    /// The store as messages name it (a path, or a URL without its password).
    var description: String { get }
    /// Creates or migrates the schema, checks the time zone (recording it in a new store) and
    /// returns the inputs counted so far.
    func open(timeZoneName: String) throws(StateError) -> InputLedger
    /// Daily cells from `day` on, every stored hourly slot, and the first day with use.
    func history(from day: LocalDay) throws(StateError) -> StoredHistory
    /// Writes `update` in one transaction; throws `.concurrentRun` (writing nothing) when an
    /// input was counted by another run since `open`.
    func commit(_ update: StateUpdate) throws(StateError)
}
