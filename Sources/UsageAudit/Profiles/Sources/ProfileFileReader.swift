import Foundation

/// Reads a CSV or JSON profile file, telling them apart by content: a file whose first
/// character (after a UTF-8 byte-order mark and blanks) is `{` or `[` is JSON (an array,
/// an object or JSON lines), anything else CSV.
enum ProfileFileReader {
    static func table(path: String, name: String, source: String) throws(ProfileError) -> ProfileTable {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(source: source, reason: "the file does not exist: check the path")
        }
        guard !isDirectory.boolValue else {
            throw .unreadable(source: source, reason: "it is a directory: name a CSV or JSON file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(source: source, reason: "the file cannot be opened: check its permissions")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let first = bytes.first { $0 != ASCII.space && $0 != ASCII.tab && $0 != 0x0A && $0 != 0x0D }
        if first == 0x7B || first == 0x5B {
            return try JSONProfileReader.table(from: Data(bytes), name: name)
        }
        return try CSVProfileReader.table(from: bytes, name: name)
    }
}
