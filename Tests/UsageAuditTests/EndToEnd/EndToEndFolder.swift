import Foundation

/// A fresh, uniquely named folder under the system's temporary directory.
struct EndToEndFolder: Sendable {
    let url: URL

    init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("usage-audit-e2e-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    /// The URL of `name` inside the folder.
    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `text` to `name` (creating sub-folders) and returns its URL.
    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        try write(Data(text.utf8), to: name)
    }

    @discardableResult
    func write(_ data: Data, to name: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: target)
        return target
    }

    /// The names of the entries of sub-folder `name` (all of them, hidden ones too), sorted.
    func entries(of name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: file(name).path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
