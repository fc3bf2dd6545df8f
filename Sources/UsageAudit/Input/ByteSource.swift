/// A stream of decoded bytes: a plain file, a gzip decoder, standard input.
///
/// The seam between reading and decoding: a faster inflate engine can replace the
/// zlib one behind this protocol without touching the rest of the pipeline.
public protocol ByteSource: SendableMetatype {
    /// Fills the start of `buffer` with the next bytes and returns how many were written;
    /// 0 means the end of the stream. Damage (a truncated or corrupt gzip member) is thrown
    /// as `InputDamage` only after every byte decodable before it has been returned.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Bytes consumed from the underlying file so far (compressed size for gzip).
    var bytesConsumed: Int64 { get }
}
