/// An HTTP status code or class as written in `count.status` (`200`, `"2xx"`).
public enum StatusPattern: Hashable, Sendable {
    case code(Int)
    /// The hundreds digit of a class: `2` for `"2xx"`.
    case statusClass(Int)

    /// Parses `404`, `"404"` or `"4xx"`.
    public init?(_ text: String) {
        let lower = text.lowercased()
        if lower.count == 3, lower.hasSuffix("xx"), let digit = Int(lower.prefix(1)), (1...5).contains(digit) {
            self = .statusClass(digit)
        } else if let code = Int(lower), (100...599).contains(code) {
            self = .code(code)
        } else {
            return nil
        }
    }

    public func matches(_ status: Int) -> Bool {
        switch self {
        case .code(let code): return status == code
        case .statusClass(let digit): return status / 100 == digit
        }
    }
}
