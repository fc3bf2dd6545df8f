extension InputSource {
    /// The two bytes every gzip member starts with.
    static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    /// Opens the input and returns its decoded bytes: a `GzipByteSource` when the data
    /// starts with the gzip magic bytes 1f 8b (whatever the name), else a `FileByteSource`;
    /// another compression format (`CompressionFormat`) is refused as unreadable.
    ///
    /// The first bytes are peeked and replayed, so this works on standard input and pipes.
    /// An empty input is an empty plain source. Gzip is decoded by `InflateEngine.selected`.
    /// - Parameter decodeAhead: decode gzip on a thread of its own, ahead of the caller
    ///   (`DecodeAheadByteSource`).
    public func open(
        gzipInputBufferSize: Int = 256 * 1024, engine: InflateEngine = .selected, decodeAhead: Bool = false
    ) throws(InputError) -> any ByteSource {
        let raw: FileByteSource
        switch self {
        case .file(let path): raw = try FileByteSource(path: path)
        case .standardInput: raw = FileByteSource.standardInput()
        }
        let head = try raw.peek(count: CompressionFormat.magicLength)
        guard head.starts(with: Self.gzipMagic) else {
            if let other = CompressionFormat.recognising(head) {
                throw .unsupportedCompression(path: displayName, format: other.name, command: other.decompressCommand)
            }
            return raw
        }
        let decoder = try engine.decoder(compressed: raw, name: displayName, inputBufferSize: gzipInputBufferSize)
        return decodeAhead ? DecodeAheadByteSource(base: decoder) : decoder
    }
}
