/// A limit as a quota store keeps it, translated from the store's own conventions.
public enum StoredLimit: Hashable, Sendable {
    /// No value stored: the quota's configured `default` applies.
    case useDefault
    /// Never over the limit (`-1` in the long layout and the chat service, `0` in the gazetteer).
    case unlimited
    /// At most this many units per period; `0` means no use is allowed.
    case limit(Int64)
}
