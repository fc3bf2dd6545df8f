/// Masks what may be an API key in text that is quoted verbatim in a report (a malformed
/// line cannot be parsed, so its key fields are unknown): the values of the identity
/// query parameters and every long opaque token are cut to their first six characters.
public struct SecretRedactor: Sendable {
    /// Tokens of at least this many letters, digits, `-` and `_`, with both a letter and a
    /// digit, are treated as secrets (hex and base64 keys, UUIDs, tokens).
    static let minimumTokenLength = 16

    private let parameterNames: [String]

    /// - Parameter identity: the `query:NAME` sources name the parameters whose values are keys.
    public init(identity: IdentitySettings) {
        parameterNames = identity.sources.compactMap { source in
            if case .query(let name) = source { return name }
            return nil
        }
    }

    /// `text` with every secret-looking value masked as `abcdef…`.
    public func redact(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        maskParameters(&scalars)
        return maskTokens(scalars)
    }

    private func maskParameters(_ scalars: inout [Unicode.Scalar]) {
        for name in parameterNames {
            let pattern = Array((name + "=").unicodeScalars)
            var index = 0
            while index + pattern.count <= scalars.count {
                let atBoundary = index == 0 || scalars[index - 1] == "?" || scalars[index - 1] == "&" || scalars[index - 1] == ";"
                guard atBoundary, Array(scalars[index..<index + pattern.count]) == pattern else {
                    index += 1
                    continue
                }
                let start = index + pattern.count
                var end = start
                while end < scalars.count, !" &;\"'".unicodeScalars.contains(scalars[end]) { end += 1 }
                if end - start > UserLabel.keyPrefixLength {
                    scalars.replaceSubrange(start + UserLabel.keyPrefixLength..<end, with: ["…"])
                }
                index = start + 1
            }
        }
    }

    private func maskTokens(_ scalars: [Unicode.Scalar]) -> String {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard Self.isTokenScalar(scalars[index]) else {
                output.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            var letters = false
            var digits = false
            while end < scalars.count, Self.isTokenScalar(scalars[end]) {
                if scalars[end].properties.numericType != nil { digits = true } else if scalars[end].properties.isAlphabetic { letters = true }
                end += 1
            }
            let token = scalars[index..<end]
            if token.count >= Self.minimumTokenLength, letters, digits {
                output.append(contentsOf: token.prefix(UserLabel.keyPrefixLength))
                output.append("…")
            } else {
                output.append(contentsOf: token)
            }
            index = end
        }
        return String(output)
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
