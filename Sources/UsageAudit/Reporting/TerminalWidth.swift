/// How many terminal columns text takes: East Asian wide and fullwidth characters (CJK,
/// Hangul, fullwidth forms) and emoji take two, every other character one. Enough to keep
/// `--format table` aligned for user names in any script; not a full `wcwidth`.
enum TerminalWidth {
    static func columns(of text: String) -> Int {
        var columns = 0
        for character in text {
            columns += character.unicodeScalars.first.map { isWide($0.value) ? 2 : 1 } ?? 1
        }
        return columns
    }

    /// The wide ranges of Unicode's East Asian Width property (W and F), and the emoji blocks.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
