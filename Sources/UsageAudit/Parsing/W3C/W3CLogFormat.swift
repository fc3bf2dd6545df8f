/// W3C extended log files (IIS, Amazon CloudFront): `#`-directives, with a `#Fields:`
/// directive naming the columns of the data lines that follow it.
///
/// * The field list may change within a file; each input starts without one, so data
///   lines before the first `#Fields:` are malformed. Other directives (`#Version:`,
///   `#Software:`, `#Remark:`) are ignored; `#Date:` supplies the date when the fields
///   have `time` but no `date`.
/// * Data lines are split on tabs when they contain one (CloudFront), else on runs of
///   spaces (IIS). A line whose number of values differs from the header is malformed.
///   `-` is an absent value.
/// * `date` and `time` are UTC. `c-ip` is the client address, `cs-username` the user,
///   `cs-method`, `cs-uri-stem` (or `cs-uri`) and `cs-uri-query` the request, `sc-status`
///   the status.
/// * `field:NAME` names a field as the header writes it, ignoring case (`cs(X-Api-Key)`,
///   `x-edge-request-id`, `time-taken`), or by its nginx name (`http_x_api_key`,
///   `http_host`, `http_x_forwarded_for`; see `W3CFieldName`). A name the current header
///   does not list is empty.
public struct W3CLogFormat: LogFormat {
    public init() {}

    /// Accepts every name: which fields exist is only known from each file's header.
    /// - Throws: `FormatError.unknownField` for an empty name.
    public func fieldCatalog(requesting names: [String]) throws(FormatError) -> FieldCatalog {
        var catalog = FieldCatalog()
        for name in names {
            guard !name.isEmpty else { throw .unknownField(name, available: []) }
            catalog.add(name)
        }
        return catalog
    }

    public func makeParser(fields: FieldCatalog, calendar: ZonedCalendar) -> any LineParser {
        var fieldsByCanonical: [String: [Int]] = [:]
        for (index, name) in fields.names.enumerated() {
            fieldsByCanonical[W3CFieldName.canonical(name), default: []].append(index)
        }
        return W3CLineParser(fieldsByCanonical: fieldsByCanonical, calendar: calendar)
    }
}
