import Foundation
import LicitWire
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The Swift SDK's connection to a Licit exchange.
///
/// Many calls may run at once on the one connection it keeps. ``run()`` keeps that connection
/// up — reconnecting with backoff — and must be running while calls are made: use
/// ``withLicitClient(_:logger:_:)``, or add the client to a `ServiceGroup`.
public final class LicitClient: Service, Sendable {
    public let configuration: LicitClientConfiguration
    /// Runs tasks on the event loop of the client's connection (see ``EventLoopTaskExecutor``).
    public let executor: EventLoopTaskExecutor
    /// Every connection of this client lives on this loop, which ``executor`` runs tasks on.
    var eventLoop: any EventLoop { self.executor.eventLoop }
    let logger: Logger
    let state = Mutex(ConnectionState())
    /// Draws the reconnection jitter (seeded by ``LicitClientConfiguration/jitterSeed``).
    let jitter: Mutex<JitterSource>

    public init(
        configuration: LicitClientConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "licit.client")
    ) {
        self.configuration = configuration
        self.executor = EventLoopTaskExecutor(group.next())
        self.logger = logger
        self.jitter = Mutex(JitterSource(seed: configuration.jitterSeed))
    }

    /// The account the exchange recognised from the certificate, once connected.
    public var account: RecognisedAccount? {
        self.state.withLock { $0.connection?.account }
    }

    /// Makes one call and returns its response payload.
    ///
    /// - Parameter requestID: the idempotency key; required for writes. To retry an
    ///   indeterminate write, call again with the `requestID` from the error.
    /// - Throws: ``LicitClientError``.
    public func call(
        method: String,
        payload: Data,
        timeout: Duration? = nil,
        requestID: String? = nil
    ) async throws -> Data {
        // A request the exchange never saw (the connection was closing) goes again on the next one.
        for attempt in 1...3 {
            let connection = try await self.connection()
            do {
                return try await connection.call(
                    method: method,
                    payload: payload,
                    timeout: timeout ?? self.configuration.defaultTimeout,
                    requestID: requestID ?? ""
                )
            } catch let error as LicitClientError where error.wasNotSent && attempt < 3 {
                self.logger.debug("request not sent; trying again on a new connection", metadata: ["error": "\(error)"])
                self.state.withLock { $0.disconnected(connection) }
            }
        }
        preconditionFailure("the last attempt returns or throws")
    }

    /// Opens a subscription; its events arrive in order until the exchange ends it or the
    /// iterating task is cancelled (which sends a Cancel frame).
    public func subscribe(
        method: String,
        payload: Data,
        timeout: Duration? = nil
    ) async throws -> AsyncThrowingStream<LicitEvent, any Error> {
        try await self.connection().subscribe(method: method, payload: payload, timeout: timeout)
    }

    /// A fresh idempotency key for a write: a time-ordered UUID (version 7: the Unix time in
    /// milliseconds, then 74 random bits), so that the exchange files each new key beside the
    /// last instead of at a random place in its index of keys.
    public static func makeRequestID(at date: Date = Date()) -> String {
        var bytes = UUID().uuid
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (40 - 8 * index)) }
            raw[6] = 0x70 | (raw[6] & 0x0f)  // version 7; the variant bits stay as UUID() set them
        }
        return UUID(uuid: bytes).uuidString.lowercased()
    }

    /// Stops reconnecting and closes the connection; calls in flight end as the connection closes.
    public func shutdown() {
        let (connection, waiters) = self.state.withLock { ($0.shutDown(), $0.takeWaiters()) }
        connection?.channel.close(promise: nil)
        for waiter in waiters {
            waiter.resume(throwing: LicitClientError(.unavailable, "the client has been shut down"))
        }
    }
}

/// Runs `body` with a connected client, and shuts the client down when `body` returns. The
/// client's connection runs on one loop of `group`.
public func withLicitClient<Result: Sendable>(
    _ configuration: LicitClientConfiguration,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    logger: Logger = Logger(label: "licit.client"),
    _ body: (LicitClient) async throws -> Result
) async throws -> Result {
    let client = LicitClient(configuration: configuration, group: group, logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await client.run() }
        defer {
            client.shutdown()
            group.cancelAll()
        }
        return try await body(client)
    }
}
