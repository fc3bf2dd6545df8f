import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct InputTestDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("usage-audit-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// Writes `bytes` to `name` (folders created as needed) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ name: String, text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
