import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdWebSocket
import LicitClient
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// The console as a Hummingbird application over HTTPS (TLS 1.3), with the websocket upgrade for
/// live inboxes.
public enum ConsoleServer {
    /// Serves until cancelled (or, with `gracefulShutdownSignals`, until SIGINT/SIGTERM).
    /// - Parameter onListening: told the port once the console listens (useful with port 0).
    public static func run(
        _ setup: ConsoleSetup,
        logger: Logger,
        gracefulShutdownSignals: [UnixSignal] = [],
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let sessions = SessionStore(
            idleLimit: setup.sessionIdleLimit,
            lifetime: setup.sessionLifetime,
            capacity: setup.maxSessions,
            logger: logger
        )
        let training = try setup.sandboxFolder.map {
            TrainingRoom(sandbox: try LicitSandbox.read(sandbox: $0), pace: setup.trainingPace)
        }
        let console = Console(setup: setup, sessions: sessions, training: training, logger: logger)
        let router = Router(context: ConsoleContext.self)
        console.addSignInRoutes(to: router)
        console.addInboxRoutes(to: router)
        console.addDocumentRoutes(to: router)
        console.addIssueRoutes(to: router)
        console.addBoardRoutes(to: router)
        console.addBoardRequestRoutes(to: router)
        console.addVerifyRoutes(to: router)
        console.addTrainingRoutes(to: router)
        console.addAdminRoutes(to: router)
        console.addPaperRoutes(to: router)
        Assets.add(to: router)
        let application = Application(
            router: router,
            server: try .tls(
                .http1WebSocketUpgrade(
                    webSocketRouter: router,
                    configuration: .init(
                        // A connection with no request for a minute is closed (live pages keep
                        // their websocket, which pings).
                        http1: .init(idleTimeout: .seconds(60)),
                        ws: .init(maxFrameSize: 1 << 16)
                    )
                ),
                tlsConfiguration: try Self.tls(setup)
            ),
            configuration: .init(address: .hostname(setup.listenHost, port: setup.listenPort), serverName: nil),
            services: [SessionSweeper(sessions: sessions)],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? setup.listenPort) },
            logger: logger
        )
        defer { Task { await sessions.endAll() } }
        if gracefulShutdownSignals.isEmpty {
            try await application.run()
        } else {
            try await application.runService(gracefulShutdownSignals: gracefulShutdownSignals)
        }
    }

    /// TLS 1.3 with the console's certificate; with sign-in by certificate, the browser must present
    /// one the exchange's CA signed.
    static func tls(_ setup: ConsoleSetup) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(setup.tlsCertificatePEM.utf8)).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(setup.tlsKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain,
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv13
        if setup.signIn == .clientCertificate {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(
                try NIOSSLCertificate.fromPEMBytes(Array(setup.exchangeCAPEM.utf8))
            )
        }
        return configuration
    }
}

/// Ends expired sessions every minute, closing their connections to the exchange.
struct SessionSweeper: Service {
    let sessions: SessionStore

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(60))
                await self.sessions.sweep()
            }
        }
    }
}
