/// A fact of a request that `JSONLogFormat` looks for in every line, with the keys it
/// tries when `[log.json]` does not map the role.
///
/// The defaults cover nginx `escape=json` templates written with the variables' own
/// names, Caddy (`ts`, `request.client_ip`, `request.method`, `request.uri`, `user_id`),
/// Traefik (`ClientHost`, `RequestMethod`, `RequestPath`, `DownstreamStatus`, `StartUTC`)
/// and Elastic Common Schema (`@timestamp`, `client.ip`, `http.request.method`,
/// `url.original`, `http.response.status_code`). The first default present in a line wins.
public enum JSONRole: String, CaseIterable, Sendable {
    /// The client address (`IP` or `IP:port`).
    case remoteAddress = "remote_addr"
    /// The authenticated user.
    case remoteUser = "remote_user"
    /// The request time: an ISO 8601 or CLF string, or epoch seconds (number or string).
    case time
    /// The full request line `METHOD TARGET PROTOCOL`.
    case request
    case method
    /// The request target with its query string (`/a/b?x=1`) or an absolute URL.
    case uri
    /// The path without the query (a `?` in it still splits off a query).
    case path
    /// The query string without `?`.
    case query
    /// The HTTP status, a number or a string.
    case status

    /// The dotted paths tried, in order, when the mapping does not name the role.
    public var defaultPaths: [String] {
        switch self {
        case .remoteAddress:
            return [
                "remote_addr", "client_ip", "ip", "remote_ip", "clientip", "client_addr",
                "request.client_ip", "request.remote_ip", "ClientHost", "client.ip",
            ]
        case .remoteUser:
            return ["remote_user", "user", "user_id", "username", "ClientUsername", "user.name"]
        case .time:
            return ["time", "timestamp", "time_local", "time_iso8601", "@timestamp", "ts", "msec", "StartUTC"]
        case .request:
            return ["request", "request_line"]
        case .method:
            return ["method", "request_method", "request.method", "RequestMethod", "http.request.method"]
        case .uri:
            return ["request_uri", "uri", "url", "request.uri", "RequestPath", "url.original"]
        case .path:
            return ["path", "url.path"]
        case .query:
            return ["query", "args", "query_string", "url.query"]
        case .status:
            return ["status", "status_code", "DownstreamStatus", "http.response.status_code"]
        }
    }
}

extension JSONRole {
    /// The role's position in `allCases`.
    var index: Int {
        switch self {
        case .remoteAddress: return 0
        case .remoteUser: return 1
        case .time: return 2
        case .request: return 3
        case .method: return 4
        case .uri: return 5
        case .path: return 6
        case .query: return 7
        case .status: return 8
        }
    }
}
