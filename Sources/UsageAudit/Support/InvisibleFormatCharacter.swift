/// Characters that show nothing themselves (Unicode's default-ignorable code points): the
/// bidirectional controls (U+202E turns `rebew.j` into what reads as `j.weber`), zero-width
/// spaces, the soft hyphen, the combining grapheme joiner, tag characters, the byte order
/// mark. Text from logs that a person reads to tell users apart (`report.html`, the
/// terminal table) shows them as `<U+202E>` instead, so that no user name can pass for
/// another by them.
///
/// The zero-width (non-)joiners U+200C and U+200D, and a variation selector after a
/// character outside ASCII (`❤️`), are left alone: scripts and emoji need them. Letters
/// that look alike (Cyrillic `а` for Latin `a`) are another matter, not handled here.
public enum InvisibleFormatCharacter {
    /// Whether `scalar` is one of them (variation selectors included: see `shown(in:)`).
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        // None below the soft hyphen: ASCII text is decided without a property lookup.
        scalar.value >= 0xAD && scalar.value != 0x200C && scalar.value != 0x200D && scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Whether `scalar` selects a variant of the character before it.
    private static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// Whether `scalar`, after `previous`, is shown as `<U+XXXX>`: a variation selector only
    /// after ASCII (where it changes nothing one can see).
    public static func isShown(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar?) -> Bool {
        guard contains(scalar) else { return false }
        guard isVariationSelector(scalar) else { return true }
        return previous.map(\.isASCII) ?? true
    }

    /// How `scalar` is shown: `<U+202E>`.
    public static func shown(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }

    /// `text` with each of them shown as `<U+XXXX>`.
    public static func shown(in text: String) -> String {
        guard text.unicodeScalars.contains(where: contains) else { return text }
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if isShown(scalar, after: previous) { result.append(contentsOf: shown(scalar).unicodeScalars) } else { result.append(scalar) }
            previous = scalar
        }
        return String(result)
    }
}
