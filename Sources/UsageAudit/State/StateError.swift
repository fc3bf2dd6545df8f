/// What went wrong with the state store; each message says what to do.
public enum StateError: Error, CustomStringConvertible, Equatable {
    /// The store cannot be opened, read or written.
    case unavailable(store: String, reason: String)
    /// The store was written by a newer usage-audit.
    case newerSchema(store: String, version: Int, supported: Int)
    /// The store counts days in another zone than the configuration.
    case zoneMismatch(store: String, stored: String, configured: String)
    /// Another run counted some of the same inputs while this one ran.
    case concurrentRun(store: String, input: String)
    /// `--state` names nothing usable.
    case badLocation(String, reason: String)
    /// The run failed before its update was committed, which was rolled back.
    case abandoned(store: String)
    /// Another run committed after this one read the store's history: its totals would
    /// replace that run's counts, so nothing was stored.
    case overtaken(store: String)

    public var description: String {
        switch self {
        case .unavailable(let store, let reason):
            return "state store \(store): \(reason)"
        case .newerSchema(let store, let version, let supported):
            return "state store \(store) has schema version \(version), but this usage-audit knows versions up to \(supported): upgrade usage-audit (the store is left as it is)"
        case .zoneMismatch(let store, let stored, let configured):
            return "state store \(store) counts days in time zone \(stored), but the configuration says timezone = \"\(configured)\": days of different zones cannot be mixed; set timezone back to \"\(stored)\" or start a new store with --state"
        case .concurrentRun(let store, let input):
            return "state store \(store): another run counted \(input) while this one ran; nothing of this run was stored — run again (it will add only what is still new), and schedule runs so they do not overlap (flock, concurrencyPolicy: Forbid)"
        case .badLocation(let location, let reason):
            return "--state \(location): \(reason)"
        case .overtaken(let store):
            return "state store \(store): another run committed to it while this one ran; nothing of this run was stored (its totals, made without that run's counts, would have replaced them) — run again (it will add only what is still new), and schedule runs so they do not overlap (flock, concurrencyPolicy: Forbid)"
        case .abandoned(let store):
            return "state store \(store): the run failed before its counts were committed, so nothing of it was stored; fix the cause and run again"
        }
    }
}
