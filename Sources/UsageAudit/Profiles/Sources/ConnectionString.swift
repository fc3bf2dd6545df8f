import Foundation

/// Hides the password in a database URL before it is shown anywhere.
public enum ConnectionString {
    /// The replacement shown for a password.
    public static let mask = "***"

    /// `text` with the password of its user information (`postgres://ana:SECRET@db/app` →
    /// `postgres://ana:***@db/app`) and the value of any `password=` parameter replaced
    /// by `***`. Text without either is returned unchanged. When the `@` that ends the user
    /// information is unclear (an unencoded `@`, `/` or `?` in the password) more is hidden,
    /// never less.
    public static func masked(_ text: String) -> String {
        var result = maskedUserInformation(text)
        result = maskedPasswordParameters(result)
        return result
    }

    private static func maskedUserInformation(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let beforeQuery = rest.firstIndex(of: "?").map { rest[..<$0] } ?? rest
        guard let at = beforeQuery.lastIndex(of: "@") ?? rest.lastIndex(of: "@") else { return text }
        let userInformation = rest[..<at]
        guard let colon = userInformation.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + mask + String(text[at...])
    }

    private static func maskedPasswordParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let found = rest.range(of: "password=", options: .caseInsensitive) {
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            let end = rest.firstIndex { $0 == "&" || $0 == " " || $0 == "#" } ?? rest.endIndex
            result += mask
            rest = rest[end...]
        }
        return result + rest
    }
}
