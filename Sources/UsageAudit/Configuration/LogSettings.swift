import Foundation

/// `[log]`: how access-log lines are written.
public struct LogSettings: Sendable, Equatable {
    /// A preset name (`combined`, `json`, `w3c`, …) or an nginx / Apache format string.
    public var format: String
    /// The zone of times written without a UTC offset (default: the top-level `timezone`).
    public var timeZone: TimeZone
    /// `[log.json]`: role or field name → dotted path in each JSON object.
    public var jsonMapping: [String: String]
    /// The configuration line `format` is written on, for messages about it.
    public var formatLine: Int?

    public init(format: String = "combined", timeZone: TimeZone, jsonMapping: [String: String] = [:]) {
        self.format = format
        self.timeZone = timeZone
        self.jsonMapping = jsonMapping
    }
}
