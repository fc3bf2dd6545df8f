/// Characters that change how the text around them is shown while showing nothing
/// themselves: the bidirectional controls (U+202E turns `rebew.j` into what reads as
/// `j.weber`), zero-width spaces and joiners of words, the byte order mark. Text from logs
/// that a person reads to tell users apart (`report.html`, the terminal table) shows them
/// as `<U+202E>` instead, so that no user name can pass for another.
///
/// The zero-width (non-)joiners U+200C and U+200D are left alone: Persian and Indic
/// scripts and emoji sequences need them, and they do not reorder text.
public enum InvisibleFormatCharacter {
    /// Whether `scalar` is one of them.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
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
        for scalar in text.unicodeScalars {
            if contains(scalar) { result.append(contentsOf: shown(scalar).unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}
