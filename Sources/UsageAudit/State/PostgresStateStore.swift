/// The shared state store in PostgreSQL (`--state postgres://…`): the same schema as
/// `SQLiteStateStore`, one transaction per run.
public final class PostgresStateStore: StateStore {
    public let description: String

    public init(url: String) throws(StateError) {
        description = ConnectionString.masked(url)
        throw .unavailable(store: description, reason: "PostgreSQL state stores are not supported by this build yet; use an SQLite path")
    }

    public func open(timeZoneName: String) throws(StateError) -> InputLedger { InputLedger() }
    public func history(from day: LocalDay) throws(StateError) -> StoredHistory { StoredHistory() }
    public func commit(_ update: StateUpdate) throws(StateError) {}
}
