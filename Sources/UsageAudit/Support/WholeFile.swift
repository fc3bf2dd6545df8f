import Foundation

/// Reads a small file a user names whole (the configuration, the keys file, a profile
/// export), a pipe too (`<(…)`, `/dev/stdin`), and says in words why it cannot be read.
///
/// `FileManager.contents(atPath:)` answers nil for a pipe, a folder and a permission
/// problem alike, which gave every one of them the same wrong reason.
enum WholeFile {
    enum Problem: Error, Equatable {
        case missing
        case folder
        case permission
        case failed(String)

        /// The reason, for a message that names the file and the setting.
        var reason: String {
            switch self {
            case .missing: return "no such file"
            case .folder: return "it is a folder"
            case .permission: return "permission denied: the user running usage-audit must be able to read it"
            case .failed(let what): return "reading it failed (\(what))"
            }
        }
    }

    static func read(_ path: String) -> Result<Data, Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .failure(.missing) }
        if isDirectory.boolValue { return .failure(.folder) }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.permission) }
        defer { try? handle.close() }
        do {
            return .success(try handle.readToEnd() ?? Data())
        } catch {
            return .failure(.failed(error.localizedDescription))
        }
    }
}
