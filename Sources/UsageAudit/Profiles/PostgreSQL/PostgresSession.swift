import Logging
import PostgresNIO

/// One PostgreSQL connection for the length of a synchronous call: the bridge the profile
/// reader and the state store share.
///
/// ``run(_:logger:_:)`` makes its own one-thread `MultiThreadedEventLoopGroup`, connects,
/// hands the connection to `body` (which drives postgres-nio's `EventLoopFuture` API and
/// blocks with `wait()`), then closes the connection and shuts the group down. That is safe
/// under Swift 6 strict concurrency: nothing non-`Sendable` crosses threads and no task or
/// semaphore is involved. The calling thread is never one of the group's event loops, so
/// `wait()` cannot deadlock; calling from an `async` context is refused at compile time
/// (`noasync`), since it would block a cooperative thread.
///
/// Errors (from connecting, from `body`) are passed on as they are, for the caller to
/// classify; the configuration's password is never logged by postgres-nio.
enum PostgresSession {
    @available(*, noasync, message: "blocks its thread; call it from synchronous code")
    static func run<Result>(
        _ configuration: PostgresConnection.Configuration, logger: Logger, _ body: (PostgresConnection) throws -> Result
    ) throws -> Result {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let connection = try PostgresConnection.connect(
            on: group.next(), configuration: configuration, id: 1, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        return try body(connection)
    }
}
