import Foundation
import LicitServer
import LicitServerCore
import Logging
import NIOCore
import ServiceLifecycle

/// Wires a configuration into running services: the exchange server and the accounts reloader,
/// in one ServiceGroup that owns SIGTERM and SIGINT (graceful: GoAway, finish calls, close).
enum Daemon {
    /// Runs until SIGTERM or SIGINT; `onListening` learns the bound address (useful with port 0).
    static func run(
        _ configuration: DaemonConfiguration,
        logger: Logger,
        onListening: (SocketAddress) throws -> Void = { _ in }
    ) async throws {
        let accountsURL = URL(fileURLWithPath: configuration.accountsFile)
        let accounts = try AccountsFile.read(accountsURL)
        let directory = InMemoryAccountDirectory(accounts: accounts.accounts, revoked: Set(accounts.revoked))
        let server = ExchangeServer(
            configuration: try configuration.serverConfiguration(),
            registry: MethodRegistry(SessionMethods.handlers),
            directory: directory,
            logger: logger
        )
        let reloader = AccountsReloader(file: accountsURL, directory: directory, server: server, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server), .init(service: reloader)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try onListening(try await server.localAddress)
            try await tasks.next()
        }
    }

    static func makeLogger(level: String) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: level) ?? .info
            return handler
        }
        return Logger(label: "licitd")
    }
}
