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
    private let runner: ConnectionRunner
    private let directory: any AccountDirectory
    private let clock: any ExchangeClock
    private let group: any EventLoopGroup
    private let logger: Logger
    private let connections: ConnectionRegistry
    private let bound: EventLoopPromise<SocketAddress>
    private let nextConnectionID = Atomic<UInt64>(1)

    public init(
        configuration: ServerConfiguration,
        registry: MethodRegistry,
        directory: any AccountDirectory,
        clock: any ExchangeClock = SystemExchangeClock(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "licit.server")
    ) {
        self.configuration = configuration
        self.directory = directory
        self.clock = clock
        self.group = group
        self.logger = logger
        self.connections = ConnectionRegistry(limits: configuration.limits)
        self.bound = group.next().makePromise(of: SocketAddress.self)
        self.runner = ConnectionRunner(
            registry: registry,
            limits: configuration.limits,
            directory: directory,
            clock: clock,
            serverName: configuration.serverName
        )
    }

    /// The address the server listens on, once it does (useful with port 0).
    public var localAddress: SocketAddress {
        get async throws { try await self.bound.futureResult.get() }
    }

    /// Connections open now, authenticated or not.
    public var openConnectionCount: Int { self.connections.openCount }

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
        self.logger.info("listening", metadata: ["address": "\(serverChannel.channel.localAddress!)"])
        let drainTimeout = self.configuration.limits.drainTimeout.timeAmount
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

    /// A connection as accepted: its async channel and the account its handshake will reveal.
    struct Accepted: Sendable {
        let channel: NIOAsyncChannel<Licit_V1_Frame, Licit_V1_Frame>?
        let account: EventLoopFuture<Account>
        let id: UInt64
    }

    private func bind() async throws -> NIOAsyncChannel<Accepted, Never> {
        let tlsContext = try self.configuration.makeTLSContext()
        let verifier = ClientCertificateVerifier(authority: self.configuration.authority)
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
                    try self.initialize(channel, tlsContext: tlsContext, verifier: verifier)
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
        let accountPromise = channel.eventLoop.makePromise(of: Account.self)
        guard self.connections.accept() else {
            logger.notice("connection limit reached; refusing connection")
            Counter(label: "licit_connections_refused_total", dimensions: [("reason", "too_many_connections")])
                .increment()
            accountPromise.fail(HandshakeGate.Refused(reason: "too_many_connections"))
            channel.close(promise: nil)
            return Accepted(channel: nil, account: accountPromise.futureResult, id: id)
        }
        channel.closeFuture.whenComplete { _ in self.connections.closed() }
        let limits = self.configuration.limits
        let authentication = PeerAuthentication(
            verifier: verifier,
            directory: self.directory,
            clock: self.clock,
            logger: logger
        )
        let tls = NIOSSLServerHandler(context: tlsContext) { chain, promise in
            promise.succeed(authentication.verify(chain))
        }
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(
            HandshakeGate(
                timeout: limits.handshakeTimeout.timeAmount,
                authentication: authentication,
                accountPromise: accountPromise,
                logger: logger
            )
        )
        try sync.addHandler(tls, position: .first)
        try sync.addHandler(
            ConnectionGuardHandler(
                stallTimeout: limits.outboundStallTimeout.timeAmount,
                idleTimeout: limits.idleTimeout.timeAmount,
                logger: logger
            )
        )
        try sync.addHandler(FrameDeadlineHandler(timeout: limits.frameTimeout.timeAmount))
        try sync.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: limits.maxFrameBytes)))
        try sync.addHandler(MessageToByteHandler(FrameEncoder()))
        let asyncChannel = try NIOAsyncChannel<Licit_V1_Frame, Licit_V1_Frame>(wrappingChannelSynchronously: channel)
        return Accepted(channel: asyncChannel, account: accountPromise.futureResult, id: id)
    }

    private func serve(_ accepted: Accepted) async {
        guard let asyncChannel = accepted.channel else { return }
        var logger = self.logger
        logger[metadataKey: "connection.id"] = "\(accepted.id)"
        let account: Account
        do {
            account = try await accepted.account.get()
        } catch {
            try? await asyncChannel.executeThenClose { _, _ in }
            return
        }
        logger[metadataKey: "account"] = "\(account.name)"
        let channel = asyncChannel.channel
        let control = ConnectionControl()
        guard self.connections.register(channel, fingerprint: account.certificateFingerprint, control: control) else {
            await self.refuseTooMany(asyncChannel, logger: logger)
            return
        }
        defer { self.connections.unregister(channel) }
        Counter(label: "licit_connections_total").increment()
        logger.debug("connection authenticated")
        try? await asyncChannel.executeThenClose { inbound, outbound in
            await self.runner.run(
                account: account,
                inbound: inbound,
                outbound: NIOFrameOutbound(writer: outbound, channel: channel),
                control: control,
                logger: logger
            )
        }
    }

    private func refuseTooMany(_ asyncChannel: NIOAsyncChannel<Licit_V1_Frame, Licit_V1_Frame>, logger: Logger) async {
        logger.notice("too many connections for this certificate; refusing")
        Counter(label: "licit_connections_refused_total", dimensions: [("reason", "too_many_connections_for_identity")])
            .increment()
        let status = LicitStatus(
            .resourceExhausted,
            reason: "too_many_connections",
            message:
                "at most \(self.configuration.limits.maxConnectionsPerIdentity) connections per certificate; reuse one — it carries many calls at once",
            details: ["max_connections_per_identity": "\(self.configuration.limits.maxConnectionsPerIdentity)"]
        )
        try? await asyncChannel.executeThenClose { _, outbound in
            try await outbound.write(.goAway(status: status, lastCallID: 0))
        }
    }
}
