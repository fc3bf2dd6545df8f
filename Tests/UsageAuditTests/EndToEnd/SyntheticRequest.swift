import Foundation

/// One request of the synthetic traffic: what the client did (the truth the expectation is
/// computed from) and how nginx writes it as a log line.
struct SyntheticRequest {
    /// The nginx `log_format` the lines are written in (the sample configuration's, plus
    /// the header key and the unit count the backend reports).
    static let logFormat = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_api_key" $upstream_http_x_units"#

    /// The moment of the request, in seconds since 1970 (UTC).
    var time: Int64
    /// The UTC offset the server wrote the time with, in seconds (e.g. +0530 → 19800).
    var offset: Int
    var address: String
    /// The basic-auth user (`$remote_user`), or nil.
    var remoteUser: String?
    /// The `X-Api-Key` header, or nil.
    var headerKey: String?
    /// The `api_key` query parameter exactly as sent (percent-encoded), or nil.
    var queryKey: String?
    var method = "GET"
    /// The path without query string.
    var path: String
    /// Other query parameters (`q=berlin`), without the key.
    var query: String?
    /// Written as an absolute URL (`GET http://host/path HTTP/1.1`, a proxy request).
    var absoluteURL = false
    var status: Int
    /// The backend's unit count (`$upstream_http_x_units`), or nil for `-`.
    var reportedUnits: Int?
    var userAgent = "curl/8.5.0"

    /// The request target of the request line.
    var target: String {
        var parameters: [String] = []
        if let query { parameters.append(query) }
        if let queryKey { parameters.append("api_key=\(queryKey)") }
        let tail = parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
        return (absoluteURL ? "http://api.example.test" : "") + path + tail
    }

    /// The log line, without its line break.
    var line: String {
        let timeText = Self.nginxTime(time, offset: offset)
        let units = reportedUnits.map(String.init) ?? "-"
        return "\(address) - \(remoteUser ?? "-") [\(timeText)] \"\(method) \(target) HTTP/1.1\" \(status) \(200 + status) "
            + "\"-\" \"\(userAgent)\" \"\(headerKey ?? "-")\" \(units)"
    }

    /// `$time_local`: `28/Mar/2026:23:59:59 +0100`, the moment as seen at `offset`.
    static func nginxTime(_ time: Int64, offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: TimeInterval(time + Int64(offset))))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let magnitude = abs(offset)
        return "\(pad(parts.day!, 2))/\(months[parts.month! - 1])/\(pad(parts.year!, 4)):"
            + "\(pad(parts.hour!, 2)):\(pad(parts.minute!, 2)):\(pad(parts.second!, 2)) "
            + "\(offset < 0 ? "-" : "+")\(pad(magnitude / 3600, 2))\(pad(magnitude % 3600 / 60, 2))"
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
