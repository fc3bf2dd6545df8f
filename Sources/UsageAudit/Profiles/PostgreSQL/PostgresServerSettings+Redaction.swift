/// Printing, debugging or dumping the settings shows the database without its password.
extension PostgresServerSettings: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String { displayURL() }
    var debugDescription: String { "PostgresServerSettings(\(displayURL()))" }
    var customMirror: Mirror {
        Mirror(self, children: ["source": displayURL(), "password": password == nil ? "none" : "***"])
    }
}
