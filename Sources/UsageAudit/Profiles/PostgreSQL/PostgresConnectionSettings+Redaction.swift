/// Printing, debugging or dumping the settings shows the source without its password.
extension PostgresConnectionSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String { displayURL }
    var debugDescription: String { "PostgresConnectionSettings(\(displayURL))" }
    var customMirror: Mirror {
        Mirror(self, children: ["source": displayURL, "password": server.password == nil ? "none" : "***"])
    }
}
