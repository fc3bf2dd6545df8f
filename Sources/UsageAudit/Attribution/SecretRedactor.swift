/// Masks what may be an API key in text that is quoted verbatim in a report (a malformed
/// line cannot be parsed, so its key fields are unknown): every key of the key directory,
/// the values of the identity query parameters and of JSON members named like the identity
/// fields, and every long opaque token are cut to their first six characters.
public struct SecretRedactor: Sendable {
    /// Tokens of at least this many letters, digits, `-` and `_`, with both a letter and a
    /// digit, are treated as secrets (hex and base64 keys, UUIDs, tokens).
    static let minimumTokenLength = 16

    private let parameterNames: [String]
    /// Lower-cased JSON member names whose string values are keys.
    private let memberNames: Set<String>
    /// The keys of the key directory longer than the shown prefix, longest first.
    private let knownKeys: [[Unicode.Scalar]]

    /// - Parameters:
    ///   - identity: `query:NAME` sources name the parameters whose values are keys;
    ///     `field:NAME` sources the JSON members (`http_x_api_key` also as `x-api-key`, `x_api_key`).
    ///   - keys: the key directory; each of its keys is masked wherever it stands.
    public init(identity: IdentitySettings, keys: KeyDirectory = KeyDirectory()) {
        var parameters: [String] = []
        var members: Set<String> = []
        for source in identity.sources {
            switch source {
            case .user: break
            case .query(let name): parameters.append(name)
            case .field(let name):
                let lower = name.lowercased()
                let header = lower.hasPrefix("http_") ? String(lower.dropFirst(5)) : lower
                members.formUnion([lower, header, header.replacingOccurrences(of: "_", with: "-")])
            }
        }
        parameterNames = parameters
        memberNames = members
        knownKeys = keys.users.keys.filter { $0.unicodeScalars.count > UserLabel.keyPrefixLength }
            .map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }

    /// `text` with every secret-looking value masked as `abcdef…`.
    public func redact(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        maskKnownKeys(&scalars)
        maskParameters(&scalars)
        maskMembers(&scalars)
        return maskTokens(scalars)
    }

    private func maskKnownKeys(_ scalars: inout [Unicode.Scalar]) {
        for key in knownKeys {
            var index = 0
            while index + key.count <= scalars.count {
                if scalars[index] == key[0], Array(scalars[index..<index + key.count]) == key {
                    scalars.replaceSubrange(index + UserLabel.keyPrefixLength..<index + key.count, with: ["…"])
                    index += UserLabel.keyPrefixLength + 1
                } else {
                    index += 1
                }
            }
        }
    }

    /// Masks `"name": "value"` where `name` is an identity field's member name.
    private func maskMembers(_ scalars: inout [Unicode.Scalar]) {
        guard !memberNames.isEmpty else { return }
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\"", let nameEnd = scalars[(index + 1)...].firstIndex(of: "\"") else {
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<nameEnd])).lowercased()
            var cursor = nameEnd + 1
            while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
            guard memberNames.contains(name), cursor < scalars.count, scalars[cursor] == ":" else {
                index = nameEnd + 1
                continue
            }
            cursor += 1
            while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
            guard cursor < scalars.count, scalars[cursor] == "\"" else {
                index = cursor
                continue
            }
            let valueStart = cursor + 1
            var valueEnd = valueStart
            while valueEnd < scalars.count, scalars[valueEnd] != "\"" { valueEnd += 1 }
            if valueEnd - valueStart > UserLabel.keyPrefixLength {
                scalars.replaceSubrange(valueStart + UserLabel.keyPrefixLength..<valueEnd, with: ["…"])
                valueEnd = valueStart + UserLabel.keyPrefixLength + 1
            }
            index = valueEnd + 1
        }
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
