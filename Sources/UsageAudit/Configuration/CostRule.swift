/// How many units one request of a scope costs.
public enum CostRule: Hashable, Sendable {
    /// A constant number of units.
    case constant(Int64)
    /// Units read from a log field (e.g. `upstream_http_x_units`); a missing or
    /// non-numeric value costs 0 units, as a failed request usually does.
    case field(String)
}
