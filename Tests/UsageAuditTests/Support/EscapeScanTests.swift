import Testing
@testable import UsageAudit

@Suite("EscapeScan")
struct EscapeScanTests {
    /// `text` with `byte` at `position` of a run of plain letters, scanned by `scan`.
    private func finds(_ byte: UInt8, at position: Int, length: Int, _ scan: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var bytes = [UInt8](repeating: 0x61, count: length)
        bytes[position] = byte
        return bytes.withUnsafeBufferPointer(scan)
    }

    /// The bytes each format's cells must escape, quote or replace.
    enum Format: CaseIterable, Sendable {
        case json, csv

        func scans(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            self == .json ? EscapeScan.needsJSONEscape(bytes) : EscapeScan.needsCSVCare(bytes)
        }

        func isSpecial(_ byte: UInt8) -> Bool {
            switch self {
            case .json: byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C
            case .csv: byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D || byte == 0x00
            }
        }
    }

    @Test("every byte value at every position of the words and the tail: found exactly when the format needs it",
          arguments: Format.allCases)
    func everyByte(format: Format) {
        for length in [1, 7, 8, 9, 16, 17, 23] {
            for position in 0..<length {
                for value in 0...255 {
                    let byte = UInt8(value)
                    #expect(finds(byte, at: position, length: length, format.scans) == format.isSpecial(byte), "\(byte) at \(position) of \(length)")
                }
            }
        }
    }

    @Test("text of plain letters, high bytes and the bytes next to each special one needs nothing; empty text neither")
    func plain() {
        let neighbours: [UInt8] = [0x20, 0x21, 0x23, 0x2B, 0x2D, 0x3B, 0x3D, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0x2E, 0x3A]
        let text = Array(repeating: neighbours, count: 3).flatMap { $0 }
        text.withUnsafeBufferPointer { bytes in
            #expect(!EscapeScan.needsJSONEscape(bytes))
            #expect(!EscapeScan.needsCSVCare(bytes))
        }
        #expect(!EscapeScan.needsJSONEscape(UnsafeBufferPointer(start: nil, count: 0)))
        #expect(!EscapeScan.needsCSVCare(UnsafeBufferPointer(start: nil, count: 0)))
    }
}
