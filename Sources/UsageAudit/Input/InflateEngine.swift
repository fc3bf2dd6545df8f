#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The library that decodes gzip input: ISA-L when the build found `libisal-dev`, else zlib.
///
/// Both sit behind `ByteSource` and give the same bytes and the same damage (kind, and
/// zlib's words for header and trailer checks). The environment variable
/// `USAGE_AUDIT_INFLATE=zlib` selects zlib in a build that has ISA-L (for comparison).
public enum InflateEngine: String, CaseIterable, Sendable {
    /// Intel ISA-L `isal_inflate` (libisal), streaming.
    case isal
    /// zlib `inflate`, streaming.
    case zlib

    /// The engines this build can use, fastest first.
    public static var available: [InflateEngine] {
        #if canImport(CIsal)
        return [.isal, .zlib]
        #else
        return [.zlib]
        #endif
    }

    /// The engine `InputSource.open` uses: `USAGE_AUDIT_INFLATE` when it names an available
    /// engine, else the fastest available.
    public static let selected: InflateEngine = {
        if let value = getenv("USAGE_AUDIT_INFLATE"),
           let named = InflateEngine(rawValue: String(cString: value).lowercased()),
           available.contains(named) {
            return named
        }
        return available[0]
    }()

    /// A decoder of the gzip stream read from `compressed`.
    public func decoder(
        compressed: any ByteSource, name: String, inputBufferSize: Int = 256 * 1024
    ) throws(InputError) -> any ByteSource {
        switch self {
        case .isal:
            #if canImport(CIsal)
            return IsalGzipByteSource(compressed: compressed, name: name, inputBufferSize: inputBufferSize)
            #else
            return try GzipByteSource(compressed: compressed, name: name, inputBufferSize: inputBufferSize)
            #endif
        case .zlib:
            return try GzipByteSource(compressed: compressed, name: name, inputBufferSize: inputBufferSize)
        }
    }
}
