import Foundation

/// Reads and writes partials (`UsagePartial`) as files: JSON Lines (`PartialDocument`),
/// written atomically by `PartialWriter`, read and checked by `PartialReading`.
public enum PartialFile {
    /// Writes `partial` to `path` (a temporary file renamed over it: never half a partial).
    public static func write(_ partial: UsagePartial, to path: String) throws(PartialError) {
        var failure: PartialError?
        do {
            try AtomicFile.write(to: path) { output in
                do throws(PartialError) {
                    try PartialWriter(partial: partial).write(into: &output)
                } catch {
                    failure = error
                }
            }
        } catch {
            throw .unavailable(path: path, reason: "\(error)")
        }
        if let failure { throw failure }
    }

    /// The bytes of `partial`'s file.
    static func bytes(of partial: UsagePartial) throws(PartialError) -> [UInt8] {
        var output = ReportOutput()
        try PartialWriter(partial: partial).write(into: &output)
        return output.bytes
    }

    /// Reads the partial at `path`.
    public static func read(path: String) throws(PartialError) -> UsagePartial {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            var isFolder: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) ? "no such file"
                : isFolder.boolValue ? "it is a folder, not a partial" : "cannot read it (\(error.localizedDescription))"
            throw .unavailable(path: path, reason: reason)
        }
        return try partial(of: [UInt8](data), path: path)
    }

    /// The partial `bytes` hold (the contents of the file at `path`).
    static func partial(of bytes: [UInt8], path: String) throws(PartialError) -> UsagePartial {
        // The format version first, so that another version is named as such rather than as
        // a document that does not read.
        let first = bytes.firstIndex(of: 0x0A) ?? bytes.count
        if let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<first])), header.format != PartialDocument.formatVersion {
            throw .unsupportedFormat(path: path, format: header.format, writer: header.version)
        }
        var reading = PartialReading(bytes: bytes, path: path)
        return try reading.partial()
    }

    /// What a decoding error says, with where.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, let context):
            return "no \"\(key.stringValue)\"\(at(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription)\(at(context))"
        default:
            return "\(error)"
        }
    }

    private static func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }

    /// The part of a partial read before the rest: its format version.
    private struct Header: Decodable {
        var format: Int
        var version: String

        enum CodingKeys: String, CodingKey {
            case format = "usage_audit_partial"
            case version
        }
    }
}
