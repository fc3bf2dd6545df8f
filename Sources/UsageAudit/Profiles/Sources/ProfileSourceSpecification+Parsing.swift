import Foundation

extension ProfileSourceSpecification {
    /// Reads a `--profiles` text.
    /// - Parameter baseDirectory: what relative paths are relative to; nil leaves them as
    ///   given (relative to the working directory).
    /// - Throws: `badSpecification` (unknown scheme or parameter, missing or invalid table
    ///   name) or `unknownLayout`; messages show a PostgreSQL URL masked.
    public init(parsing text: String, baseDirectory: String? = nil) throws(ProfileError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .badSpecification(source: text, reason: "the source is empty")
        }
        let lowered = trimmed.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = try ProfileSourceSpecification.postgres(trimmed)
        } else if lowered.hasPrefix("sqlite:") {
            self = try ProfileSourceSpecification.sqlite(trimmed, baseDirectory: baseDirectory)
        } else if let scheme = trimmed.range(of: "://") {
            let name = String(trimmed[..<scheme.lowerBound])
            throw .badSpecification(
                source: ConnectionString.masked(trimmed),
                reason: "unknown scheme '\(name)': only sqlite: and postgres:// databases are read")
        } else {
            self = try ProfileSourceSpecification.file(trimmed, baseDirectory: baseDirectory)
        }
    }

    private static func file(_ text: String, baseDirectory: String?) throws(ProfileError) -> ProfileSourceSpecification {
        // A `?` starts parameters only when what follows looks like `name=value`, so that a
        // file whose name holds a `?` can still be named.
        var path = text
        var parameters: [String: String] = [:]
        if let mark = text.lastIndex(of: "?"), text[text.index(after: mark)...].contains("=") {
            path = String(text[..<mark])
            parameters = try query(String(text[text.index(after: mark)...]), source: text)
        }
        try refuseUnknown(parameters, allowed: ["layout"], source: text)
        guard !path.isEmpty else { throw .badSpecification(source: text, reason: "the file path is empty") }
        return ProfileSourceSpecification(
            location: .file(path: resolve(path, against: baseDirectory)),
            layoutName: try layout(parameters))
    }

    private static func sqlite(_ text: String, baseDirectory: String?) throws(ProfileError) -> ProfileSourceSpecification {
        var body = text.dropFirst("sqlite:".count)
        if body.hasPrefix("//") { body = body.dropFirst(2) }  // sqlite:///abs/path, sqlite://relative
        var parameters: [String: String] = [:]
        if let mark = body.firstIndex(of: "?") {
            parameters = try query(String(body[body.index(after: mark)...]), source: text)
            body = body[..<mark]
        }
        try refuseUnknown(parameters, allowed: ["layout", "table"], source: text)
        guard !body.isEmpty else {
            throw .badSpecification(source: text, reason: "the database path is empty: write sqlite:PATH?table=T")
        }
        let table = try tableName(parameters, source: text, allowsSchema: false)
        return ProfileSourceSpecification(
            location: .sqlite(path: resolve(String(body), against: baseDirectory), table: table),
            layoutName: try layout(parameters))
    }

    private static func postgres(_ text: String) throws(ProfileError) -> ProfileSourceSpecification {
        let masked = ConnectionString.masked(text)
        var base = text
        var ownParameters: [String: String] = [:]
        var driverParameters: [String] = []
        if let mark = text.firstIndex(of: "?") {
            base = String(text[..<mark])
            for pair in text[text.index(after: mark)...].split(separator: "&") {
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                if name == "table" || name == "layout" {
                    ownParameters.merge(try query(String(pair), source: masked)) { $1 }
                } else {
                    driverParameters.append(String(pair))
                }
            }
        }
        let driverNames = driverParameters.map { String($0.split(separator: "=", maxSplits: 1).first ?? "") }
        let table = try tableName(ownParameters, source: masked, allowsSchema: true, otherNames: driverNames)
        let connectionURL = driverParameters.isEmpty ? base : base + "?" + driverParameters.joined(separator: "&")
        return ProfileSourceSpecification(
            location: .postgres(PostgresProfileSource(url: text, connectionURL: connectionURL, table: table)),
            layoutName: try layout(ownParameters))
    }

    /// `name=value&…`, values percent-decoded.
    private static func query(_ text: String, source: String) throws(ProfileError) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw .badSpecification(source: source, reason: "'\(pair)' is not a name=value parameter")
            }
            let value = String(parts[1]).removingPercentEncoding ?? String(parts[1])
            parameters[String(parts[0])] = value
        }
        return parameters
    }

    private static func refuseUnknown(_ parameters: [String: String], allowed: Set<String>, source: String) throws(ProfileError) {
        if let unknown = parameters.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .badSpecification(
                source: source,
                reason: "unknown parameter '\(unknown)' (accepted here: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// The `layout` parameter, checked against the layout table.
    private static func layout(_ parameters: [String: String]) throws(ProfileError) -> String? {
        guard let name = parameters["layout"] else { return nil }
        guard let layout = ProfileLayouts.named(name) else { throw .unknownLayout(name: name) }
        return layout.name
    }

    /// The `table` parameter: required, an identifier (or `schema.table` where allowed).
    /// - Parameter otherNames: parameters passed on to the database driver (a misspelt
    ///   `table` lands there), for the message.
    private static func tableName(
        _ parameters: [String: String], source: String, allowsSchema: Bool, otherNames: [String] = []
    ) throws(ProfileError) -> String {
        guard let table = parameters["table"], !table.isEmpty else {
            let typo = (parameters.keys.sorted() + otherNames).first { $0 != "table" && Spelling.nearest(to: $0, among: ["table"]) != nil }
            throw .badSpecification(
                source: source, reason: "name the table with ?table=NAME" + (typo.map { " ('\($0)' is no parameter: did you mean 'table'?)" } ?? ""))
        }
        let parts = table.split(separator: ".", omittingEmptySubsequences: false)
        let valid = (parts.count == 1 || (allowsSchema && parts.count == 2))
            && parts.allSatisfy { isIdentifier($0, allowsDollar: allowsSchema) }
        guard valid else {
            let form = allowsSchema ? "NAME or SCHEMA.NAME" : "NAME"
            throw .badSpecification(
                source: source,
                reason: "table '\(ProfileCells.shown(table))' is not a plain \(form) of letters, digits and _"
                    + (allowsSchema ? " (and $)" : ""))
        }
        return table
    }

    /// Letters, digits and `_` (PostgreSQL also `$` after the first character), not
    /// starting with a digit, at most 63 bytes.
    private static func isIdentifier(_ text: Substring, allowsDollar: Bool) -> Bool {
        guard let first = text.utf8.first, !ASCII.isDigit(first), first != 0x24, text.utf8.count <= 63 else { return false }
        return text.utf8.allSatisfy {
            ASCII.isDigit($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F
                || (allowsDollar && $0 == 0x24)
        }
    }

    private static func resolve(_ path: String, against baseDirectory: String?) -> String {
        guard let baseDirectory, !path.hasPrefix("/"), !baseDirectory.isEmpty else { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }
}
