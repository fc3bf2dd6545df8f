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
    /// The keys of the key directory of two scalars or more.
    private let keys: KnownKeyTable

    /// - Parameters:
    ///   - identity: `query:NAME` sources name the parameters whose values are keys;
    ///     `field:NAME` sources the JSON members (`http_x_api_key` also as `x-api-key`, `x_api_key`).
    ///   - keys: the key directory: a key longer than the shown prefix is masked wherever
    ///     it stands, a shorter one where it stands alone.
    ///   - jsonPaths: `[log.json]`, field name → dotted path: the last member of an
    ///     identity field's path is masked too (`request.headers.Authorization`).
    public init(identity: IdentitySettings, keys: KeyDirectory = KeyDirectory(), jsonPaths: [String: String] = [:]) {
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
                if let path = jsonPaths[name], let last = path.split(separator: ".").last {
                    members.insert(last.lowercased())
                }
            }
        }
        parameterNames = parameters
        memberNames = members
        self.keys = KnownKeyTable(keys: keys.keys)
    }

    /// Replaces the scalars of a key at `range` past its shown prefix with `…`; the index
    /// just after the mask.
    @discardableResult
    private static func mask(_ scalars: inout [Unicode.Scalar], _ range: Range<Int>) -> Int {
        let shown = UserLabel.shownPrefixLength(ofKeyWith: range.count)
        guard shown < range.count else { return range.upperBound }
        scalars.replaceSubrange(range.lowerBound + shown..<range.upperBound, with: ["…"])
        return range.lowerBound + shown + 1
    }

    /// `text` with every secret-looking value masked as `abcdef…`.
    public func redact(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        maskKnownKeys(&scalars)
        maskParameters(&scalars)
        maskMembers(&scalars)
        maskBase64Tokens(&scalars)
        return maskTokens(scalars)
    }

    /// Masks base64-looking tokens (`k3Jd8+Zq/P0wLm5nR7tY==`), which `maskTokens` would
    /// cut at `+`, `/` and `=` into parts too short to mask: at least 16 of letters, digits,
    /// `+`, `/`, `-` and `_` (then up to two `=` that end it), with a letter, a digit and a
    /// `+` or that `=` padding, not starting with `/` (a path). A user agent
    /// (`python-requests/2.31.0`) or a parameter (`tier2=premium`) is none.
    private func maskBase64Tokens(_ scalars: inout [Unicode.Scalar]) {
        func isBase64(_ scalar: Unicode.Scalar) -> Bool { Self.isTokenScalar(scalar) || scalar == "+" || scalar == "/" }
        var index = 0
        while index < scalars.count {
            guard isBase64(scalars[index]), index == 0 || !isBase64(scalars[index - 1]) && scalars[index - 1] != "=" else {
                index += 1
                continue
            }
            var end = index
            var (letters, digits, marks) = (false, false, false)
            while end < scalars.count, isBase64(scalars[end]) {
                let scalar = scalars[end]
                if scalar == "+" { marks = true } else if ("0"..."9").contains(scalar) { digits = true } else if scalar.properties.isAlphabetic { letters = true }
                end += 1
            }
            var padded = end
            while padded < scalars.count, padded - end < 2, scalars[padded] == "=" { padded += 1 }
            // `=` then more of a token is `name=value`, not padding.
            if padded > end, padded < scalars.count, isBase64(scalars[padded]) || scalars[padded] == "=" { padded = end }
            if padded > end { marks = true }
            guard padded - index >= Self.minimumTokenLength, letters, digits, marks, scalars[index] != "/" else {
                index = max(end, index + 1)
                continue
            }
            index = Self.mask(&scalars, index..<padded)
        }
    }

    /// Masks each key of the directory: one longer than the shown prefix wherever it
    /// stands, a shorter one only where it stands alone (`ab` is no key inside `about`).
    /// Every position is tried, also inside a key already found (two keys may overlap), and
    /// what each key hides is hidden in the end: each hidden run becomes one `…`.
    private func maskKnownKeys(_ scalars: inout [Unicode.Scalar]) {
        guard !keys.isEmpty else { return }
        var hidden: [Bool]?
        for index in scalars.indices {
            keys.forEachMatch(in: scalars, at: index) { length in
                let end = index + length
                let alone = length <= UserLabel.keyPrefixLength
                guard !alone || ((index == 0 || !Self.isWordScalar(scalars[index - 1])) && (end == scalars.count || !Self.isWordScalar(scalars[end]))) else { return false }
                let shown = UserLabel.shownPrefixLength(ofKeyWith: length)
                if hidden == nil { hidden = Array(repeating: false, count: scalars.count) }
                for position in (index + shown)..<end { hidden![position] = true }
                return true
            }
        }
        guard let hidden else { return }
        var masked: [Unicode.Scalar] = []
        masked.reserveCapacity(scalars.count)
        for index in scalars.indices {
            if !hidden[index] {
                masked.append(scalars[index])
            } else if index == 0 || !hidden[index - 1] {
                masked.append("…")
            }
        }
        scalars = masked
    }

    /// Letters, digits and what joins them into one token (`-_+/=.%`).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        isTokenScalar(scalar) || "+/=.%".unicodeScalars.contains(scalar)
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
            // A header of Caddy's logs is an array of strings: each is masked.
            let isArray = cursor < scalars.count && scalars[cursor] == "["
            if isArray {
                cursor += 1
                while cursor < scalars.count, scalars[cursor] == " " { cursor += 1 }
            }
            while cursor < scalars.count, scalars[cursor] == "\"" {
                let valueStart = cursor + 1
                var valueEnd = valueStart
                while valueEnd < scalars.count, scalars[valueEnd] != "\"" { valueEnd += 1 }
                cursor = Self.mask(&scalars, valueStart..<valueEnd) + 1
                guard isArray else { break }
                while cursor < scalars.count, scalars[cursor] == " " || scalars[cursor] == "," { cursor += 1 }
            }
            index = max(cursor, nameEnd + 1)
        }
    }

    /// Whether a query parameter may start at `index`: the text's start, after `?`, `&`,
    /// `;`, a quote or blank (a query logged alone: `$args`, W3C's `cs-uri-query`), or
    /// after `&` escaped as JSON writes it (`\u0026`) or as a URL does (`%26`).
    private static func startsParameter(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index > 0 else { return true }
        if "?&;\"' \t".unicodeScalars.contains(scalars[index - 1]) { return true }
        for escaped in [Self.jsonAmpersand, Self.urlAmpersand] where index >= escaped.count {
            if scalars[(index - escaped.count)..<index].elementsEqual(escaped) { return true }
        }
        return false
    }

    private static let jsonAmpersand = Array("\\u0026".unicodeScalars)
    private static let urlAmpersand = Array("%26".unicodeScalars)

    private func maskParameters(_ scalars: inout [Unicode.Scalar]) {
        for name in parameterNames {
            let pattern = Array((name + "=").unicodeScalars)
            var index = 0
            while index + pattern.count <= scalars.count {
                guard Self.startsParameter(scalars, at: index), Array(scalars[index..<index + pattern.count]) == pattern else {
                    index += 1
                    continue
                }
                let start = index + pattern.count
                var end = start
                // A JSON escape (`\u0026`) or a URL one (`%26`) of the next `&` ends it too.
                while end < scalars.count, !" \t&;\"'\\".unicodeScalars.contains(scalars[end]),
                      !(scalars[end] == "%" && end + 2 < scalars.count && scalars[end + 1] == "2" && scalars[end + 2] == "6")
                {
                    end += 1
                }
                index = Self.mask(&scalars, start..<end)
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
