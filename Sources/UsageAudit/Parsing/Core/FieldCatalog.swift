/// The named fields a format's parser fills, each with its index in `LogRecord.fields`.
///
/// Names are canonical and lower-case, in nginx's spelling whatever the format:
/// `http_x_api_key` for a request header (nginx `$http_x_api_key`, Apache
/// `%{X-Api-Key}i`), `sent_http_x_units` for a response header, `upstream_http_x_units`,
/// `request_time`, `body_bytes_sent`. Configuration refers to them as `field:NAME`.
public struct FieldCatalog: Hashable, Sendable {
    public private(set) var names: [String] = []
    private var indexByName: [String: Int] = [:]

    public init() {}

    public init(names: [String]) {
        for name in names { add(name) }
    }

    /// The index of `name`, or nil when the format has no such field.
    public func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// Adds `name` (once) and returns its index.
    @discardableResult
    public mutating func add(_ name: String) -> Int {
        if let existing = indexByName[name] { return existing }
        names.append(name)
        indexByName[name] = names.count - 1
        return names.count - 1
    }

    public var count: Int { names.count }
}
