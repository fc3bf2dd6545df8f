/// Access logs written as one JSON object per line: nginx `log_format … escape=json`,
/// Caddy, Traefik, application logs.
///
/// `[log.json]` maps roles (`JSONRole`: `remote_addr`, `remote_user`, `time`, `request`,
/// `method`, `uri`, `path`, `query`, `status`) to dotted paths into the object; a role
/// it does not map is looked for under the role's `defaultPaths`. Other keys of the table
/// name paths for `field:NAME`. Paths are matched without regard to ASCII case, and a key
/// that itself contains dots matches the path it spells (`"a.b": 1` is found by `a.b`).
/// An array on a path yields its first element (Caddy logs each header as `["value"]`).
///
/// Reading a line:
/// * The time is an ISO 8601 string (`2026-11-20T13:55:36.120+01:00`, an offset-less time
///   is read in the log's time zone), a CLF string (`20/Nov/2026:13:55:36 +0100`, with
///   or without brackets), or epoch time as a number or a string of digits: seconds, or
///   — judged by the number of integer digits — milliseconds from 10^11, microseconds from
///   10^14, nanoseconds from 10^17. A line with no readable time is malformed.
/// * Method, path and query come from the most specific value present: `method`, `path`
///   and `query` beat `request`, which beats `uri`. (nginx's `$uri` is rewritten by
///   internal redirects; the request line is what the client sent.)
/// * The status is a number or a string of digits (absent: 0).
/// * A line with none of request, uri, path, method and status is malformed: it is not
///   an access-log entry (such as a server's start-up message).
/// * Blank lines are ignored; anything that is not a JSON object is malformed.
public struct JSONLogFormat: LogFormat {
    /// Role or field name → dotted path, as `[log.json]` writes it.
    public let mapping: [String: String]

    /// - Throws: `FormatError.invalidJSONMapping` for an empty path or one with an empty
    ///   segment (`a..b`, `.a`).
    public init(mapping: [String: String] = [:]) throws(FormatError) {
        for (key, path) in mapping.sorted(by: { $0.key < $1.key }) {
            if let reason = JSONFieldPlan.problem(with: path) {
                throw .invalidJSONMapping(key: key, reason: reason)
            }
        }
        self.mapping = mapping
    }

    /// Every requested name is accepted: it resolves through the mapping, then a role's
    /// paths, then as a dotted path (see `JSONFieldPlan.candidates(forField:mapping:)`).
    /// - Throws: `FormatError.invalidJSONMapping` for a name that cannot be a path.
    public func fieldCatalog(requesting names: [String]) throws(FormatError) -> FieldCatalog {
        var catalog = FieldCatalog()
        for name in names {
            if mapping[name] == nil, JSONRole(rawValue: name) == nil, let reason = JSONFieldPlan.problem(with: name) {
                throw .invalidJSONMapping(key: "field:\(name)", reason: reason)
            }
            catalog.add(name)
        }
        return catalog
    }

    public func makeParser(fields: FieldCatalog, calendar: ZonedCalendar) -> any LineParser {
        JSONLineParser(plan: JSONFieldPlan(mapping: mapping, fields: fields), calendar: calendar)
    }
}
