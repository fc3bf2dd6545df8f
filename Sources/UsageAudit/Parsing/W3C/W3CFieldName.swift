/// How W3C field names (`cs(X-Api-Key)`, `c-ip`, `time-taken`) and the canonical nginx
/// names of `FieldCatalog` (`http_x_api_key`, `remote_addr`) are matched.
///
/// Both are reduced to one canonical spelling and compared: names are lower-cased;
/// header fields `cs(Name)` (client → server), `sc(Name)` (server → client) and
/// `rs(Name)` (upstream response) become `http_name`, `sent_http_name` and
/// `upstream_http_name` with `-` written as `_`; the standard fields that nginx has a
/// variable for are known by both names (`c-ip` = `remote_addr`, `cs-username` =
/// `remote_user`, `cs-method` = `request_method`, `cs-uri-stem` = `uri`, `cs-uri-query` =
/// `args` = `query_string`, `sc-status` = `status`, CloudFront's `x-forwarded-for` =
/// `http_x_forwarded_for`). Any other name is matched as written, ignoring case.
enum W3CFieldName {
    /// The canonical spelling of a W3C field name or of a requested field name.
    static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        for (prefix, replacement) in headerPrefixes where lower.hasPrefix(prefix) && lower.hasSuffix(")") {
            let header = lower.dropFirst(prefix.count).dropLast()
            guard !header.isEmpty else { break }
            return replacement + String(header.map { $0 == "-" ? "_" : $0 })
        }
        return aliases[lower] ?? lower
    }

    /// The role of the field whose canonical name is `canonical`.
    static func role(ofCanonical canonical: String) -> W3CColumnRole {
        switch canonical {
        case "date": return .date
        case "time": return .time
        case "remote_addr": return .clientAddress
        case "remote_user": return .username
        case "request_method": return .method
        case "uri": return .uriStem
        case "args": return .uriQuery
        case "cs-uri": return .uri
        case "status": return .status
        default: return .other
        }
    }

    private static let headerPrefixes: [(String, String)] = [
        ("cs(", "http_"), ("sc(", "sent_http_"), ("rs(", "upstream_http_"),
    ]

    private static let aliases: [String: String] = [
        "c-ip": "remote_addr",
        "cs-username": "remote_user",
        "cs-method": "request_method",
        "cs-uri-stem": "uri",
        "cs-uri-query": "args",
        "query_string": "args",
        "sc-status": "status",
        "x-forwarded-for": "http_x_forwarded_for",
    ]
}
