import Foundation
import LicitWire
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

extension LicitClient {
    /// Keeps a connection to the exchange until ``shutdown()`` or task cancellation,
    /// reconnecting with exponential backoff and jitter when it is lost or drained.
    public func run() async throws {
        let tlsContext = try self.makeTLSContext()
        var backoff = self.configuration.reconnectBackoff.initial
        let endpoints = self.configuration.endpoints
        var attempt = 0
        while !Task.isCancelled, !self.state.withLock({ $0.isShutDown }) {
            // The next endpoint in turn after each failed, lost or drained connection.
            let endpoint = endpoints[attempt % endpoints.count]
            attempt += 1
            do {
                let connection = try await self.connect(tlsContext: tlsContext, to: endpoint)
                let connectedAt = ContinuousClock.now
                for waiter in self.state.withLock({ $0.connected(connection) }) { waiter.resume(returning: connection) }
                await withTaskCancellationHandler {
                    try? await connection.retired.get()
                } onCancel: {
                    connection.channel.close(promise: nil)
                }
                self.state.withLock { $0.disconnected(connection) }
                // A connection that lasted reconnects at once; one dropped at once backs off, so
                // that an exchange refusing us is not hammered.
                if ContinuousClock.now - connectedAt > .seconds(1) {
                    backoff = self.configuration.reconnectBackoff.initial
                    continue
                }
            } catch {
                self.logger.debug(
                    "could not connect to the exchange",
                    metadata: ["endpoint": "\(endpoint)", "error": "\(error)"]
                )
                // Calls waiting for a connection fail once every endpoint has failed in turn.
                if attempt % endpoints.count == 0 {
                    let failure =
                        error as? LicitClientError
                        ?? LicitClientError(.unavailable, "could not connect to \(endpoint)", cause: error)
                    for waiter in self.state.withLock({ $0.takeWaiters() }) { waiter.resume(throwing: failure) }
                }
            }
            // The next endpoint at once; a pause only after a whole round.
            guard attempt % endpoints.count == 0 else { continue }
            let jittered = backoff * self.jitter.withLock { Double.random(in: 0.5...1.0, using: &$0) }
            try? await Task.sleep(for: jittered)
            backoff = min(backoff * 2, self.configuration.reconnectBackoff.maximum)
        }
        let waiters = self.state.withLock { state in
            _ = state.shutDown()
            return state.takeWaiters()
        }
        for waiter in waiters {
            waiter.resume(throwing: LicitClientError(.unavailable, "the client has been shut down"))
        }
    }

    /// The current connection, waiting for ``run()`` to make one if needed.
    func connection() async throws -> ClientConnection {
        // The usual case, without suspending: the connection is up.
        if let connection = self.state.withLock({ $0.usable }) { return connection }
        let waiterID = Mutex<Int?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                switch self.state.withLock({ $0.lookup(orWait: continuation) }) {
                case .ready(let connection): continuation.resume(returning: connection)
                case .failed(let error): continuation.resume(throwing: error)
                case .wait(let id): waiterID.withLock { $0 = id }
                }
            }
        } onCancel: {
            guard let id = waiterID.withLock({ $0 }) else { return }
            self.state.withLock { $0.removeWaiter(id) }?.resume(
                throwing: LicitClientError(.cancelled, "cancelled while waiting for a connection")
            )
        }
    }

    private func connect(
        tlsContext: NIOSSLContext,
        to endpoint: LicitClientConfiguration.Endpoint
    ) async throws
        -> ClientConnection
    {
        let configuration = self.configuration
        let hostname = configuration.serverHostname ?? endpoint.host
        let sniHostname = hostname.first?.isNumber == true || hostname.contains(":") ? nil : hostname
        let retiredPromise = self.eventLoop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: self.eventLoop)
                .connectTimeout(configuration.connectTimeout.timeAmount)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        try sync.addHandler(try NIOSSLClientHandler(context: tlsContext, serverHostname: sniHostname))
                        try sync.addHandler(
                            ByteToMessageHandler(FrameDecoder(maxFrameBytes: configuration.maxFrameBytes))
                        )
                        try sync.addHandler(IdleStateHandler(writeTimeout: configuration.keepaliveInterval.timeAmount))
                        try sync.addHandler(ClientFrameHandler(retired: retiredPromise))
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port)
                .get()
        } catch {
            retiredPromise.succeed()
            throw LicitClientError(.unavailable, "could not connect to \(endpoint)", cause: error)
        }
        do {
            let handler = try await channel.eventLoop.submit {
                do {
                    return NIOLoopBound(
                        try channel.pipeline.syncOperations.handler(type: ClientFrameHandler.self),
                        eventLoop: channel.eventLoop
                    )
                } catch {
                    throw LicitClientError(.unavailable, "the connection to \(endpoint) closed at once", cause: error)
                }
            }.get()
            let connection = ClientConnection(
                channel: channel,
                handler: handler,
                retired: retiredPromise.futureResult,
                maxFrameBytes: configuration.maxFrameBytes
            )
            let request = Licit_V1_HelloRequest.with {
                $0.protocolVersion = FrameLimits.protocolVersion
                $0.clientName = configuration.clientName
            }
            let payload = try await connection.call(
                method: LicitMethod.hello,
                payload: try request.serializedData(),
                timeout: configuration.connectTimeout,
                requestID: ""
            )
            connection.helloAnswered(try Licit_V1_HelloResponse(licitPayload: payload))
            self.logger.debug("connected", metadata: ["account": "\(connection.account?.name ?? "?")"])
            return connection
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        let identity = self.configuration.identity
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.certificateVerification = .fullVerification
        do {
            tls.trustRoots = .certificates(
                try NIOSSLCertificate.fromPEMBytes(Array(self.configuration.trustedAuthorityPEM.utf8))
            )
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map {
                .certificate($0)
            }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.privateKeyPEM.utf8), format: .pem))
        } catch {
            throw LicitClientError(
                .invalidRequest,
                "the identity or CA certificate could not be read as PEM",
                cause: error
            )
        }
        tls.applicationProtocols = [FrameLimits.alpnProtocol]
        return try NIOSSLContext(configuration: tls)
    }
}
