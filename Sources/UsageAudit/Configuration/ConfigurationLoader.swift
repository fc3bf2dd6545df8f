import Foundation
import TOMLKit

/// Reads and checks an audit configuration file (TOML, DESIGN §4).
public enum ConfigurationLoader {
    /// Loads the configuration at `path`; relative paths inside it are resolved against its folder.
    public static func load(path: String) throws(ConfigurationError) -> AuditConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file"
                : isDirectory.boolValue ? "it is a folder: name the TOML file in it (e.g. \((path as NSString).appendingPathComponent("config.toml")))"
                : "it is not readable UTF-8 text"
            throw .unreadable(path: path, reason: reason)
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(text: text, path: path, baseDirectory: directory.isEmpty ? "." : directory)
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
