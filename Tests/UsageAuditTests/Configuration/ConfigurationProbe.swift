import Foundation
@testable import UsageAudit

/// Parses configuration text in tests and exposes what an error names.
enum ConfigurationProbe {
    /// The configuration of DESIGN §4, as written there.
    static let designExample = """
        timezone = "UTC"

        [log]
        format = 'combined'   # or an nginx log_format / Apache LogFormat string

        [identity]
        from = ["user", "query:api_key"]
        keys = "keys.csv"      # paths are relative to this file
        anonymous = "skip"

        [count]
        paths = ["/api/"]
        exclude_status = [429]

        [[scope]]
        name = "geocoding"
        paths = ["/api/v1/geocode"]
        cost = 1

        [[scope]]
        name = "isolines"
        paths = ["/api/v1/isolines"]
        cost = "field:upstream_http_x_units"   # units read from a logged field

        [[quota]]
        scope = "all"
        period = "day"
        default = 5000
        hard = true

        [[quota]]
        scope = "isolines"
        period = "month"
        default = 2000
        hard = false
        block_price = 1500

        [detect]
        near_limit = 0.9

        [recommend]
        headroom = 1.15
        """

    /// The error parsing `text` throws, or nil when it parses.
    static func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try ConfigurationLoader.parse(text: text, path: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    /// The key and line an error names, whatever its case.
    static func location(_ error: ConfigurationError?) -> (key: String, line: Int?)? {
        switch error {
        case .unknownKey(let key, let line, _)?: return (key, line)
        case .wrongType(let key, let line, _, _)?: return (key, line)
        case .invalidValue(let key, let line, _)?: return (key, line)
        case .missingKey(let key, let line, _)?: return (key, line)
        default: return nil
        }
    }

    /// Whether `error` is `invalidValue` for `key` on `line`.
    static func isInvalid(_ error: ConfigurationError?, key: String, line: Int?) -> Bool {
        guard case .invalidValue(let found, let foundLine, _)? = error else { return false }
        return found == key && foundLine == line
    }

    /// Whether `error` is `wrongType` for `key` on `line`.
    static func isWrongType(_ error: ConfigurationError?, key: String, line: Int?) -> Bool {
        guard case .wrongType(let found, let foundLine, _, _)? = error else { return false }
        return found == key && foundLine == line
    }
}
