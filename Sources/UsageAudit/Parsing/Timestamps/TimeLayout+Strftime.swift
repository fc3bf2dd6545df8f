extension TimeLayout {
    /// Compiles the strftime pattern of an Apache `%{…}t` field.
    ///
    /// Supported: `%Y %y %m %d %e %H %M %S %j %I %p %b %h %B %a %A %u %w %z %Z %s %T %F %D
    /// %R %n %t %%`, the GNU flags `-` (no padding) and `_` (space padding), and literal
    /// text. Apache's own forms `sec`, `msec`, `usec`, `msec_frac`, `usec_frac` and the
    /// prefixes `begin:` / `end:` are accepted too. Names are English.
    /// - Throws: `FormatError.invalidTimePattern` for an unknown directive, a pattern
    ///   ending in `%`, or one that writes no part of a time.
    public init(strftime pattern: String) throws(FormatError) {
        var body = Substring(pattern)
        for prefix in ["begin:", "end:"] where body.hasPrefix(prefix) {
            body = body.dropFirst(prefix.count)
        }
        switch body {
        case "sec": self.init(kind: .epoch(unitsPerSecond: 1), name: pattern)
        case "msec": self.init(kind: .epoch(unitsPerSecond: 1000), name: pattern)
        case "usec": self.init(kind: .epoch(unitsPerSecond: 1_000_000), name: pattern)
        case "msec_frac": self.init(kind: .steps([.fraction(digits: 3)]), name: pattern)
        case "usec_frac": self.init(kind: .steps([.fraction(digits: 6)]), name: pattern)
        default:
            let steps = try TimeLayout.compile(Array(body.utf8), pattern: pattern)
            self.init(kind: steps == TimeLayout.commonLogSteps ? .commonLog : .steps(steps), name: pattern)
        }
    }

    /// The directives `init(strftime:)` understands, for messages.
    static let supportedDirectives = "%Y %y %m %d %e %H %M %S %j %I %p %b %h %B %a %A %u %w %z %Z %s %T %F %D %R %n %t %%"

    private static func compile(_ bytes: [UInt8], pattern: String) throws(FormatError) -> [TimeStep] {
        let hasOffset = containsOffsetDirective(bytes)
        var steps: [TimeStep] = []
        var readsTime = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "%") else {
                steps.append(.literal(byte))
                continue
            }
            var padding = Padding.zero
            if index < bytes.count, bytes[index] == ASCII.dash || bytes[index] == UInt8(ascii: "_") {
                padding = bytes[index] == ASCII.dash ? .none : .space
                index += 1
            }
            guard index < bytes.count else {
                throw .invalidTimePattern(pattern, reason: "it ends with a lone '%'; write '%%' for a percent sign")
            }
            let directive = bytes[index]
            index += 1
            guard let expansion = expand(directive, padding: padding, hasOffset: hasOffset) else {
                let shown = String(decoding: [UInt8(ascii: "%"), directive], as: UTF8.self)
                throw .invalidTimePattern(
                    pattern, reason: "'\(shown)' is not supported; use \(supportedDirectives) and literal text")
            }
            steps.append(contentsOf: expansion)
            readsTime = readsTime || expansion.contains { if case .literal = $0 { false } else { true } }
        }
        guard readsTime else {
            throw .invalidTimePattern(pattern, reason: "it has no directive such as %Y or %H, so it holds no time")
        }
        return steps
    }

    /// How a numeric directive is padded: `%d` (zero), `%-d` (none), `%_d` or `%e` (space).
    private enum Padding {
        case zero, none, space
    }

    /// The steps for one directive character, or nil when it is not supported.
    private static func expand(_ directive: UInt8, padding: Padding, hasOffset: Bool) -> [TimeStep]? {
        func number(_ field: TimeStep.Field, _ width: Int, _ defaultPadding: Padding = .zero) -> TimeStep {
            let chosen = padding == .zero ? defaultPadding : padding
            switch chosen {
            case .zero: return .number(field, digits: width...width, leadingSpace: false)
            case .none: return .number(field, digits: 1...width, leadingSpace: false)
            case .space: return .number(field, digits: 1...width, leadingSpace: true)
            }
        }
        let colon = TimeStep.literal(ASCII.colon)
        switch directive {
        case UInt8(ascii: "Y"): return [number(.year, 4)]
        case UInt8(ascii: "y"): return [number(.twoDigitYear, 2)]
        case UInt8(ascii: "m"): return [number(.month, 2)]
        case UInt8(ascii: "d"): return [number(.day, 2)]
        case UInt8(ascii: "e"): return [number(.day, 2, .space)]
        case UInt8(ascii: "j"): return [number(.dayOfYear, 3)]
        case UInt8(ascii: "H"): return [number(.hour, 2)]
        case UInt8(ascii: "I"): return [number(.hour12, 2)]
        case UInt8(ascii: "M"): return [number(.minute, 2)]
        case UInt8(ascii: "S"): return [number(.second, 2)]
        case UInt8(ascii: "u"), UInt8(ascii: "w"): return [number(.weekdayNumber, 1)]
        case UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "B"): return [.monthName]
        case UInt8(ascii: "a"), UInt8(ascii: "A"): return [.weekdayName]
        case UInt8(ascii: "p"): return [.meridiem]
        case UInt8(ascii: "z"): return [.offset]
        case UInt8(ascii: "Z"): return [.zoneName(skipsOtherNames: hasOffset)]
        case UInt8(ascii: "s"): return [.epochSeconds]
        case UInt8(ascii: "T"): return [number(.hour, 2), colon, number(.minute, 2), colon, number(.second, 2)]
        case UInt8(ascii: "R"): return [number(.hour, 2), colon, number(.minute, 2)]
        case UInt8(ascii: "F"):
            return [number(.year, 4), .literal(ASCII.dash), number(.month, 2), .literal(ASCII.dash), number(.day, 2)]
        case UInt8(ascii: "D"):
            return [
                number(.month, 2), .literal(ASCII.slash), number(.day, 2), .literal(ASCII.slash),
                number(.twoDigitYear, 2),
            ]
        case UInt8(ascii: "n"): return [.literal(0x0A)]
        case UInt8(ascii: "t"): return [.literal(ASCII.tab)]
        case UInt8(ascii: "%"): return [.literal(UInt8(ascii: "%"))]
        default: return nil
        }
    }

    /// Whether the pattern has a `%z` (so that `%Z` may skip any zone abbreviation).
    private static func containsOffsetDirective(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                if bytes[index + 1] == UInt8(ascii: "z") { return true }
                index += 2
            } else {
                index += 1
            }
        }
        return false
    }
}
