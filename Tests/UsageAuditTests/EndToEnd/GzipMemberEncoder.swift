/// Writes gzip members by hand (RFC 1951 deflate inside an RFC 1952 wrapper), so that the
/// tests know exactly which compressed byte carries which log byte: a file cut at any
/// compressed offset has a known set of decodable bytes, without using the tool's
/// decoder (or zlib) to find out.
///
/// Two block styles: `stored` (raw copies) and `fixedHuffman` (every byte a literal coded
/// with the fixed Huffman table of RFC 1951 §3.2.6; no back-references).
enum GzipMemberEncoder {
    enum BlockStyle {
        case stored
        case fixedHuffman
    }

    /// One encoded member.
    struct Member {
        var bytes: [UInt8]
        /// For each input byte, how many bytes of the member must be present for a decoder
        /// to be able to output it.
        var decodableAfter: [Int]

        /// How many input bytes a decoder can output from the first `count` bytes.
        func decodableBytes(inFirst count: Int) -> Int {
            var low = 0
            var high = decodableAfter.count
            while low < high {
                let middle = (low + high) / 2
                if decodableAfter[middle] <= count { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    static let header: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]

    /// Encodes `data` as one gzip member of blocks of at most `blockSize` bytes.
    static func member(_ data: [UInt8], style: BlockStyle, blockSize: Int = 8192) -> Member {
        var writer = BitWriter()
        writer.bytes = header
        var decodable: [Int] = []
        decodable.reserveCapacity(data.count)
        var start = 0
        repeat {
            let end = min(data.count, start + max(1, blockSize))
            let isFinal = end == data.count
            let block = data[start..<end]
            switch style {
            case .stored:
                writer.write(bits: isFinal ? 1 : 0, count: 1)
                writer.write(bits: 0, count: 2)
                writer.alignToByte()
                let length = UInt16(block.count)
                writer.appendLittleEndian(UInt32(length), byteCount: 2)
                writer.appendLittleEndian(UInt32(~length), byteCount: 2)
                for byte in block {
                    writer.bytes.append(byte)
                    decodable.append(writer.bytes.count)
                }
            case .fixedHuffman:
                writer.write(bits: isFinal ? 1 : 0, count: 1)
                writer.write(bits: 1, count: 2)
                for byte in block {
                    let (code, length) = fixedCode(Int(byte))
                    writer.writeHuffman(code: code, length: length)
                    decodable.append(writer.bytesNeeded)
                }
                let (end, length) = fixedCode(256)
                writer.writeHuffman(code: end, length: length)
            }
            start = end
        } while start < data.count
        writer.alignToByte()
        writer.appendLittleEndian(CRC32Checksum.checksum(data), byteCount: 4)
        writer.appendLittleEndian(UInt32(truncatingIfNeeded: data.count), byteCount: 4)
        return Member(bytes: writer.bytes, decodableAfter: decodable)
    }

    /// The fixed Huffman code of a literal/length symbol (RFC 1951 §3.2.6).
    static func fixedCode(_ symbol: Int) -> (code: UInt32, length: Int) {
        switch symbol {
        case 0...143: return (UInt32(0x30 + symbol), 8)
        case 144...255: return (UInt32(0x190 + symbol - 144), 9)
        case 256...279: return (UInt32(symbol - 256), 7)
        default: return (UInt32(0xC0 + symbol - 280), 8)
        }
    }

    /// Packs bits least significant first, as deflate does.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var pending: UInt32 = 0
        private var pendingCount = 0

        /// Bytes a decoder needs to have read every bit written so far.
        var bytesNeeded: Int { bytes.count + (pendingCount + 7) / 8 }

        mutating func write(bits: UInt32, count: Int) {
            for index in 0..<count {
                pending |= ((bits >> UInt32(index)) & 1) << UInt32(pendingCount)
                pendingCount += 1
                if pendingCount == 8 { flushByte() }
            }
        }

        /// Huffman codes are packed starting with their most significant bit.
        mutating func writeHuffman(code: UInt32, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) {
                write(bits: (code >> UInt32(index)) & 1, count: 1)
            }
        }

        mutating func alignToByte() {
            if pendingCount > 0 { flushByte() }
        }

        mutating func appendLittleEndian(_ value: UInt32, byteCount: Int) {
            for index in 0..<byteCount { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * index))) }
        }

        private mutating func flushByte() {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending = 0
            pendingCount = 0
        }
    }
}
