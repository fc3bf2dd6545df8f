/// Compression formats other than gzip that a log may come in, told by their magic bytes so
/// that such an input is refused by name instead of being read as text (every line
/// malformed, exit 0).
enum CompressionFormat: CaseIterable {
    case bzip2, xz, zstd, lz4, zip

    /// The longest magic number below.
    static let magicLength = 6

    /// The format `head` (an input's first bytes) starts with, if any.
    static func recognising(_ head: [UInt8]) -> CompressionFormat? {
        allCases.first { $0.starts(head) }
    }

    /// Whether `head` starts with this format's magic number. bzip2's is text (`BZh`), so
    /// its block size digit and the magic of the first block (or of the end of an empty
    /// stream) must follow: a log line starting "BZh" is not taken for it.
    private func starts(_ head: [UInt8]) -> Bool {
        guard head.starts(with: magic) else { return false }
        guard self == .bzip2 else { return true }
        guard head.count >= 6, (0x31...0x39).contains(head[3]) else { return false }
        return head[4...5].elementsEqual([0x31, 0x41]) || head[4...5].elementsEqual([0x17, 0x72])
    }

    private var magic: [UInt8] {
        switch self {
        case .bzip2: [0x42, 0x5A, 0x68]  // BZh
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        case .lz4: [0x04, 0x22, 0x4D, 0x18]
        case .zip: [0x50, 0x4B, 0x03, 0x04]  // PK
        }
    }

    /// The format's name and the command that decompresses it to stdout.
    var name: String {
        switch self {
        case .bzip2: "bzip2"
        case .xz: "xz"
        case .zstd: "zstd"
        case .lz4: "lz4"
        case .zip: "zip"
        }
    }

    var decompressCommand: String {
        switch self {
        case .bzip2: "bzip2 -dc"
        case .xz: "xz -dc"
        case .zstd: "zstd -dc"
        case .lz4: "lz4 -dc"
        case .zip: "unzip -p"
        }
    }
}
