import Foundation
import TOMLKit

/// Reads and checks an audit configuration file (TOML, DESIGN §4).
public enum ConfigurationLoader {
    /// Loads the configuration at `path`; relative paths inside it are resolved against its folder.
    public static func load(path: String) throws(ConfigurationError) -> AuditConfiguration {
        let text = try readText(path: path)
        let directory = PathFolder.of(path)
        return try parse(text: text, path: path, baseDirectory: directory.isEmpty ? "." : directory)
    }

    /// The file's text: UTF-8 with no NUL byte (TOML allows none, and the parser would stop
    /// at one, dropping the rest of the file without a word). A pipe (`<(…)`) reads too.
    private static func readText(path: String) throws(ConfigurationError) -> String {
        let data: Data
        switch WholeFile.read(path) {
        case .success(let read): data = read
        case .failure(.folder):
            throw .unreadable(path: path, reason: "it is a folder: name the TOML file in it (e.g. \((path as NSString).appendingPathComponent("config.toml")))")
        case .failure(let problem): throw .unreadable(path: path, reason: problem.reason)
        }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            throw .unreadable(path: path, reason: "line \(line) holds a NUL byte, which no TOML text has (a file saved as UTF-16, or a binary file): save it as UTF-8 text")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text: save it as UTF-8")
        }
        return text
    }

    /// Parses configuration text; `path` is only used in messages.
    public static func parse(text: String, path: String = "config", baseDirectory: String = ".") throws(ConfigurationError) -> AuditConfiguration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, message: error.description)
        } catch {
            throw .syntax(path: path, line: 1, message: "\(error)")
        }
        var root = try ConfigTableReader(path: "", value: ConfigValue.fromTOML(table), locator: KeyLocator(text: text))
        return try ConfigurationReader.read(&root, baseDirectory: baseDirectory)
    }
}
