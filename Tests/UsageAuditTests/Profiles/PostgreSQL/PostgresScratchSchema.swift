import Foundation

/// A schema of its own on the test server for one test, so tests can run in parallel;
/// `drop()` (in a `defer`) removes it with everything in it.
struct PostgresScratchSchema {
    let name: String

    /// Creates the schema, then runs `statements(name)` in it.
    @available(*, noasync)
    init(_ statements: (String) -> [String]) throws {
        name = "ua_test_" + UUID().uuidString.prefix(8).lowercased()
        try PostgresTestServer.execute(["CREATE SCHEMA \(name)"])
        do {
            try PostgresTestServer.execute(statements(name))
        } catch {
            drop()
            throw error
        }
    }

    @available(*, noasync)
    func drop() {
        try? PostgresTestServer.execute(["DROP SCHEMA \(name) CASCADE"])
    }
}
