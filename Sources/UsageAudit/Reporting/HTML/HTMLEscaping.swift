/// Escapes text for `report.html`: every string that comes from logs, profiles or the
/// configuration (user names, details, paths, scope names) goes through here before it
/// reaches the page, in element content, in attribute values and inside SVG `<title>`.
///
/// One escaping serves all three places: `&`, `<`, `>`, `"` and `'` become character
/// references, so the text can neither open a tag nor leave a quoted attribute, and control
/// characters (which HTML forbids, and which could hide text from a reader) become U+FFFD.
/// Bidirectional controls and zero-width characters are shown as `<U+202E>`
/// (`InvisibleFormatCharacter`), so that no user name reads as another. Tabs and line
/// breaks are kept. Nothing from logs is ever placed inside `<script>` or
/// `<style>`, where references are not decoded.
public enum HTMLEscaping {
    /// `text` safe inside element content and inside a double- or single-quoted attribute.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 16)
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if InvisibleFormatCharacter.isShown(scalar, after: previous) {
                    result += escaped(InvisibleFormatCharacter.shown(scalar))
                } else {
                    result.unicodeScalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
                }
            }
        }
        return result
    }

    /// Whether `scalar` must be replaced.
    private static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": return true
        case "\t", "\n": return false
        default: return isControl(scalar) || InvisibleFormatCharacter.contains(scalar)
        }
    }

    /// C0 and C1 controls, DEL, and the noncharacters HTML reports as parse errors.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value)
            || value & 0xFFFE == 0xFFFE
    }
}
