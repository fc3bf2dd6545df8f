extension PostgresProfileReader {
    /// Reads the table of `source` for `ProfileStore`, translating errors: a malformed URL or
    /// table name is a usage error (exit 2); a server that cannot be reached or read is an
    /// unreadable input (exit 3).
    @available(*, noasync, message: "blocks its thread; call it from synchronous code")
    static func profileTable(for source: PostgresProfileSource) throws(ProfileError) -> ProfileTable {
        do {
            return ProfileTable(rows: try PostgresProfileReader(url: source.url).read())
        } catch {
            switch error {
            case .invalidURL, .missingTable, .invalidTableName, .invalidSSLMode, .missingUser:
                throw .badSpecification(source: source.description, reason: error.description)
            default:
                throw .unreadable(source: source.description, reason: error.description)
            }
        }
    }
}
