/// One place to look for who made a request (`identity.from`).
public enum IdentitySource: Hashable, Sendable {
    /// The authenticated-user field of the log (`$remote_user`, `%u`).
    case user
    /// A query parameter holding an API key, e.g. `query:api_key`.
    case query(String)
    /// A named log field holding an API key, e.g. `field:http_x_api_key`.
    case field(String)

    /// Parses `user`, `query:NAME` or `field:NAME`.
    public init?(_ text: String) {
        if text == "user" {
            self = .user
        } else if text.hasPrefix("query:"), text.count > 6 {
            self = .query(String(text.dropFirst(6)))
        } else if text.hasPrefix("field:"), text.count > 6 {
            self = .field(String(text.dropFirst(6)))
        } else {
            return nil
        }
    }

    /// As the configuration writes it: `user`, `query:NAME`, `field:NAME`.
    public var text: String {
        switch self {
        case .user: "user"
        case .query(let name): "query:\(name)"
        case .field(let name): "field:\(name)"
        }
    }

    /// Whether values from this source are secrets that must be mapped or masked.
    public var isKey: Bool {
        if case .user = self { return false }
        return true
    }
}
