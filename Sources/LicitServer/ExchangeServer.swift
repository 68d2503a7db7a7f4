import LicitExchange
import LicitPKI
import LicitServerCore
import LicitWire
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The exchange's network front: accepts TLS 1.3 connections, authenticates each client
/// certificate, enforces the connection limits and serves the protocol through
/// ``ConnectionRunner``. A `Service`: on graceful shutdown it stops accepting, sends every
/// connection a GoAway, lets in-flight calls finish (up to the drain timeout) and closes.
public final class ExchangeServer: Service, Sendable {
    public let configuration: ServerConfiguration
    private let exchange: ExchangeProtocol
    private let group: any EventLoopGroup
    private let logger: Logger
    private let connections: ConnectionRegistry
    private let bound: EventLoopPromise<SocketAddress>
    private let nextConnectionID = Atomic<UInt64>(1)
    private let listening = Atomic<Bool>(false)
    /// The TLS context new connections get: replaced when the server's certificate is renewed.
    private let tlsContext = Mutex<NIOSSLContext?>(nil)

    public init(
        configuration: ServerConfiguration,
        registry: MethodRegistry,
        directory: any AccountDirectory,
        clock: any ExchangeClock = SystemExchangeClock(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "licit.server"),
        writePacer: (any WritePacing)? = nil,
        onDenial: ExchangeProtocol.Denial? = nil
    ) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
        self.connections = ConnectionRegistry(limits: configuration.limits)
        self.bound = group.next().makePromise(of: SocketAddress.self)
        self.exchange = ExchangeProtocol(
            registry: registry,
            limits: configuration.limits,
            directory: directory,
            clock: clock,
            serverName: configuration.serverName,
            writePacer: writePacer,
            faults: configuration.faults,
            onDenial: onDenial
        )
    }

    /// The address the server listens on, once it does (useful with port 0).
    public var localAddress: SocketAddress {
        get async throws { try await self.bound.futureResult.get() }
    }

    /// Connections open now, authenticated or not.
    public var openConnectionCount: Int { self.connections.openCount }

    /// Whether it listens (and has not stopped).
    public var isListening: Bool { self.listening.load(ordering: .relaxed) }

    /// Whether it is shutting down: no new connection is taken.
    public var isDraining: Bool { self.connections.isDraining }

    /// Serves `identity` (a renewed certificate and its key, issued by the same CA) to the
    /// connections that come from now on; open ones keep theirs.
    public func replaceServerIdentity(_ identity: IssuedIdentity) throws {
        let context = try self.configuration.makeTLSContext(serving: identity)
        self.tlsContext.withLock { $0 = context }
    }

    /// Closes the open connections of a certificate just revoked in the directory.
    public func closeConnections(ofFingerprint fingerprint: String) {
        self.connections.closeAll(fingerprint: fingerprint)
    }

    public func run() async throws {
        let serverChannel: NIOAsyncChannel<Accepted, Never>
        do {
            serverChannel = try await self.bind()
        } catch {
            self.bound.fail(error)
            throw error
        }
        self.bound.succeed(serverChannel.channel.localAddress!)
        self.listening.store(true, ordering: .relaxed)
        self.logger.info("listening", metadata: ["address": "\(serverChannel.channel.localAddress!)"])
        let drainTimeout = self.configuration.limits.drainTimeout.timeAmount
        let expirySweep = self.group.next().scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            self.connections.closeExpired(at: self.exchange.clock.now)
        }
        defer { expirySweep.cancel() }
        try await withGracefulShutdownHandler {
            try await serverChannel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await accepted in inbound {
                        group.addTask { await self.serve(accepted) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.logger.info("draining connections")
            serverChannel.channel.close(promise: nil)
            for channel in self.connections.drainAll() {
                channel.eventLoop.scheduleTask(in: drainTimeout) { channel.close(promise: nil) }
            }
        }
        self.logger.info("stopped")
    }

    /// A connection as accepted: its channel, its admission once its handshake succeeds, and
    /// the calls it starts.
    struct Accepted: Sendable {
        let channel: any Channel
        let admitted: EventLoopFuture<ServerConnectionHandler.Admitted>
        let calls: AsyncStream<ServerConnection.StartedCall>
    }

    private func bind() async throws -> NIOAsyncChannel<Accepted, Never> {
        let tlsContext = try self.configuration.makeTLSContext()
        self.tlsContext.withLock { $0 = tlsContext }
        let verifier = ClientCertificateVerifier(
            authorities: [self.configuration.authority] + self.configuration.alsoTrusted
        )
        let limits = self.configuration.limits
        return try await ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(
                .writeBufferWaterMark,
                value: .init(low: limits.outboundHighWaterBytes / 2, high: limits.outboundHighWaterBytes)
            )
            .bind(host: self.configuration.host, port: self.configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    // The context current when the connection comes: a reloaded certificate serves new ones.
                    try self.initialize(
                        channel,
                        tlsContext: self.tlsContext.withLock { $0 } ?? tlsContext,
                        verifier: verifier
                    )
                }
            }
    }

    private func initialize(
        _ channel: any Channel,
        tlsContext: NIOSSLContext,
        verifier: ClientCertificateVerifier
    ) throws -> Accepted {
        let id = self.nextConnectionID.add(1, ordering: .relaxed).oldValue
        var logger = self.logger
        logger[metadataKey: "connection.id"] = "\(id)"
        logger[metadataKey: "peer"] = "\(channel.remoteAddress.map { "\($0)" } ?? "?")"
        let admitted = channel.eventLoop.makePromise(of: ServerConnectionHandler.Admitted.self)
        let (calls, callsContinuation) = AsyncStream.makeStream(of: ServerConnection.StartedCall.self)
        guard self.connections.accept() else {
            logger.notice("connection limit reached; refusing connection")
            Counter(label: "licit_connections_refused_total", dimensions: [("reason", "too_many_connections")])
                .increment()
            admitted.fail(ServerConnectionHandler.Closed())
            callsContinuation.finish()
            channel.close(promise: nil)
            return Accepted(channel: channel, admitted: admitted.futureResult, calls: calls)
        }
        channel.closeFuture.whenComplete { _ in self.connections.closed() }
        let limits = self.configuration.limits
        let authentication = PeerAuthentication(
            verifier: verifier,
            directory: self.exchange.directory,
            clock: self.exchange.clock,
            logger: logger
        )
        let tls = NIOSSLServerHandler(context: tlsContext) { chain, promise in
            promise.succeed(authentication.verify(chain))
        }
        let gate = WritabilityGate()
        let sync = channel.pipeline.syncOperations
        // Nearest the socket, so that cutting off a stalled or idle peer closes the socket at once
        // instead of waiting for a TLS close_notify that peer will never read.
        try sync.addHandler(
            ConnectionGuardHandler(
                stallTimeout: limits.outboundStallTimeout.timeAmount,
                idleTimeout: limits.idleTimeout.timeAmount,
                gate: gate,
                logger: logger
            )
        )
        try sync.addHandler(tls)
        try sync.addHandler(
            HandshakeGate(timeout: limits.handshakeTimeout.timeAmount, authentication: authentication, logger: logger)
        )
        try sync.addHandler(FrameDeadlineHandler(timeout: limits.frameTimeout.timeAmount))
        let writer = FrameWriter()
        try sync.addHandler(writer)
        try sync.addHandler(
            ServerConnectionHandler(
                decoder: FrameDecoder(maxFrameBytes: limits.maxFrameBytes),
                writer: writer,
                admit: { peer, channel in
                    let outbound = ChannelFrameOutbound(
                        channel: channel,
                        gate: gate,
                        writer: NIOLoopBound(writer, eventLoop: channel.eventLoop)
                    )
                    return self.admit(peer, channel: channel, outbound: outbound, logger: logger)
                },
                admitted: admitted,
                calls: callsContinuation
            )
        )
        return Accepted(channel: channel, admitted: admitted.futureResult, calls: calls)
    }

    /// Applies the per-certificate connection limit and makes the connection's protocol side.
    private func admit(
        _ peer: ServerConnectionHandler.PeerAuthenticated,
        channel: any Channel,
        outbound: ChannelFrameOutbound,
        logger: Logger
    ) -> ServerConnectionHandler.Admission {
        let account = peer.account
        var logger = logger
        logger[metadataKey: "account"] = "\(account.name)"
        let control = ConnectionControl()
        let limit = self.configuration.limits.maxConnectionsPerIdentity
        guard
            self.connections.register(
                channel,
                fingerprint: account.certificateFingerprint,
                expiry: peer.certificateExpiry,
                control: control
            )
        else {
            logger.notice("too many connections for this certificate; refusing")
            Counter(
                label: "licit_connections_refused_total",
                dimensions: [("reason", "too_many_connections_for_identity")]
            )
            .increment()
            let status = LicitStatus(
                .resourceExhausted,
                reason: "too_many_connections",
                message: "at most \(limit) connections per certificate; reuse one — it carries many calls at once",
                details: ["max_connections_per_identity": "\(limit)"]
            )
            return .refused(.goAway(status: status, lastCallID: 0))
        }
        Counter(label: "licit_connections_total").increment()
        logger.debug("connection authenticated")
        let connection = self.exchange.makeConnection(
            account: account,
            certificateExpiry: peer.certificateExpiry,
            outbound: outbound,
            logger: logger
        )
        return .admitted(connection, control)
    }

    private func serve(_ accepted: Accepted) async {
        guard let admitted = try? await accepted.admitted.get() else { return }
        defer { self.connections.unregister(accepted.channel) }
        await admitted.connection.run(calls: accepted.calls, control: admitted.control)
    }
}
