import Foundation

/// Reads a CSV or JSON profile file, telling them apart by content: a file whose first
/// character (after a UTF-8 byte-order mark and blanks) is `{` or `[` is JSON (an array,
/// an object or JSON lines), anything else CSV.
enum ProfileFileReader {
    static func table(path: String, name: String, source: String) throws(ProfileError) -> ProfileTable {
        let data: Data
        switch WholeFile.read(path) {
        case .success(let read): data = read
        case .failure(.missing): throw .unreadable(source: source, reason: "the file does not exist: check the path")
        case .failure(.folder): throw .unreadable(source: source, reason: "it is a directory: name a CSV or JSON file")
        case .failure(let problem): throw .unreadable(source: source, reason: problem.reason)
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
