import Foundation
import LicitExchange
import LicitModel
import LicitNotifications
import LicitServer
import LicitServerCore
import LicitStorage
import LicitStoragePostgres
import LicitStorageSQLite
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import UnixSignals

/// Wires a configuration into running services: the exchange server and the accounts reloader,
/// in one ServiceGroup that owns SIGTERM and SIGINT (graceful: GoAway, finish calls, close).
package enum Daemon {
    /// Which clock the exchange keeps: the machine's, or a sandbox's that training moves.
    package enum ClockKind: Sendable {
        case system
        case sandbox
    }

    /// Where a running daemon listens: the exchange, and the admin listener if configured.
    package struct Listening: Sendable {
        package let server: SocketAddress
        package let admin: SocketAddress?
    }

    /// Runs until SIGTERM or SIGINT; `onListening` learns the bound addresses (useful with port 0).
    package static func run(
        _ configuration: DaemonConfiguration,
        logger: Logger,
        signals: [UnixSignal] = [.sigterm, .sigint],
        clock clockKind: ClockKind = .system,
        sweepInterval: Duration = .seconds(60),
        faults: (any CallFaults)? = nil,
        onListening: (Listening) throws -> Void = { _ in }
    ) async throws {
        // swift-metrics is bootstrapped before anything makes a metric, when they are scraped.
        if configuration.admin != nil {
            DaemonMetrics.start(serverCertificateExpiry: try? configuration.serverCertificateExpiry())
        }
        let accountsURL = URL(fileURLWithPath: configuration.accountsFile)
        let accounts = try AccountsFile.read(accountsURL)
        let directory = InMemoryAccountDirectory(accounts: accounts.accounts, revoked: Set(accounts.revoked))
        let administration = DirectoryAdministration(
            directory: directory,
            authority: try configuration.certificateAuthority(),
            persistence: AccountsFile.persistence(accountsURL)
        )
        let inbox = InboxSignal()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            let store: any Storage
            var shared: PostgresBackend?
            switch try configuration.databaseChoice() {
            case .sqlite(let path):
                store = try Self.openStore(path)
            case .postgres(let database):
                // The driver's connection pool runs beside the services, until they have stopped.
                let backend = PostgresBackend(database, logger: logger)
                tasks.addTask { await backend.run() }
                do {
                    try await backend.migrate()
                } catch {
                    throw ValidationFailure("cannot open the database \(database.displayURL): \(error)")
                }
                // Subscribers on this daemon hear of events other daemons commit.
                tasks.addTask { await backend.listenForInboxEvents { inbox.signal() } }
                logger.info("on PostgreSQL", metadata: ["database": "\(database.displayURL)"])
                store = StagedStorage(backend)
                shared = backend
            }
            try await Self.serve(
                store,
                configuration,
                inbox: inbox,
                directory: directory,
                administration: administration,
                accountsURL: accountsURL,
                shared: shared,
                logger: logger,
                signals: signals,
                clockKind: clockKind,
                sweepInterval: sweepInterval,
                faults: faults,
                onListening: onListening
            )
            tasks.cancelAll()
        }
    }

    /// Runs the exchange on `store` until SIGTERM or SIGINT.
    private static func serve(
        _ store: any Storage,
        _ configuration: DaemonConfiguration,
        inbox: InboxSignal,
        directory: InMemoryAccountDirectory,
        administration: DirectoryAdministration,
        accountsURL: URL,
        shared: PostgresBackend?,
        logger: Logger,
        signals: [UnixSignal],
        clockKind: ClockKind,
        sweepInterval: Duration,
        faults: (any CallFaults)?,
        onListening: (Listening) throws -> Void
    ) async throws {
        // The clock resumes from the store: never earlier than the last write, a sandbox's as it was set.
        let sandboxClock: SandboxClock? =
            switch clockKind {
            case .system: nil
            case .sandbox: try await SandboxClock.resuming(from: store)
            }
        let clock: any ExchangeClock =
            if let sandboxClock { sandboxClock } else { try await SystemExchangeClock.resuming(from: store) }
        if case .system = clockKind, clock.now.timeIntervalSinceNow > 60 {
            logger.warning(
                "the exchange's clock is held ahead of this machine's until it catches up: a write carried a later time",
                metadata: ["exchange.time": "\(clock.now)", "machine.time": "\(Date())"]
            )
        }
        let sealKey = try SealKeyFile.readOrCreate(configuration.sealKey) { logger.notice("\($0)") }
        let retiredSealKeys = RetiredSealKeys.path(
            beside: configuration.sealKey,
            configured: configuration.retiredSealKeys
        )
        let exchange = ExchangeContext(
            storage: store,
            sealKeys: SealKeyRing(current: sealKey, retired: try RetiredSealKeys.read(retiredSealKeys)),
            clock: clock,
            directory: directory,
            administration: administration,
            oversight: configuration.oversightSettings,
            inbox: inbox,
            checkpointLog: CheckpointLog(file: configuration.auditCheckpoints?.file.map(URL.init(fileURLWithPath:)))
        )
        var serverConfiguration = try configuration.serverConfiguration()
        serverConfiguration.faults = faults
        let loops = MultiThreadedEventLoopGroup(numberOfThreads: EventLoopThreads.count)
        defer { loops.shutdownGracefully { _ in } }
        let server = ExchangeServer(
            configuration: serverConfiguration,
            registry: MethodRegistry(SessionMethods.handlers + exchange.handlers, tally: exchange.tally),
            directory: directory,
            clock: clock,
            group: loops,
            logger: logger,
            writePacer: shared.map {
                SharedWritePacer(backend: $0, local: AuthorityPacer(serverConfiguration.limits), logger: logger)
            },
            onDenial: { account, method, status in
                try await exchange.auditRoleDenial(
                    account,
                    method: method,
                    reason: status.reason,
                    message: status.message
                )
            }
        )
        administration.attach(server)
        DaemonMetrics.callTally.withLock { $0 = exchange.tally }
        // One daemon follows its accounts file; several on PostgreSQL share their accounts there.
        let reloader: any Service =
            if let shared {
                try await SharedAccounts(
                    file: accountsURL,
                    backend: shared,
                    directory: directory,
                    server: server,
                    logger: logger
                )
            } else {
                AccountsReloader(file: accountsURL, directory: directory, server: server, logger: logger)
            }
        let sweeper = SweepService(sweep: ExpirySweep(exchange), interval: sweepInterval, logger: logger)
        let checkpoints = CheckpointService(
            exchange: exchange.exchange,
            interval: try (configuration.auditCheckpoints ?? .init()).interval(),
            logger: logger
        )
        let notifier = try configuration.notificationSettings().map { settings in
            Notifier(
                exchange: exchange.exchange,
                settings: settings,
                leadership: shared.map { PostgresNotifierLeadership(backend: $0) } ?? SoleNotifier(),
                logger: logger
            )
        }
        var admin: AdminServer?
        if let listen = configuration.admin {
            admin = try await AdminServer.bind(host: listen.host, port: listen.port, logger: logger) {
                await Self.notReady(server: server, store: store)
            }
        }
        // Shut down in reverse order: the admin listener last, so that /readyz reports the drain.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let admin { services.append(.init(service: admin)) }
        let sealKeyFollower = FileFollower.sealKeys(
            keyPath: configuration.sealKey,
            retiredPath: retiredSealKeys,
            ring: exchange.exchange.sealKeys,
            logger: logger
        )
        let certificateFollower = FileFollower.serverCertificate(
            certificatePath: configuration.serverCertificate,
            keyPath: configuration.serverKey,
            server: server,
            logger: logger
        )
        services += [
            .init(service: server), .init(service: reloader), .init(service: sweeper), .init(service: checkpoints),
            .init(service: sealKeyFollower), .init(service: certificateFollower),
        ]
        if let notifier { services.append(.init(service: notifier)) }
        if let sandboxClock {
            services.append(.init(service: SandboxClockFollower(clock: sandboxClock, storage: store, logger: logger)))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: signals,
            logger: logger
        )
        // A service that does not finish its graceful shutdown is cancelled once the connections
        // had their drain, and the daemon exits even if one ignores its cancellation.
        groupConfiguration.maximumGracefulShutdownDuration = serverConfiguration.limits.drainTimeout + .seconds(15)
        groupConfiguration.maximumCancellationDuration = .seconds(10)
        let group = ServiceGroup(configuration: groupConfiguration)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try onListening(Listening(server: try await server.localAddress, admin: admin?.address))
            try await tasks.next()
        }
    }

    /// Why the exchange does not serve now, or `nil` when it does: `/readyz`.
    static func notReady(server: ExchangeServer, store: any Storage) async -> String? {
        guard server.isListening else { return "not listening yet" }
        guard !server.isDraining else { return "draining: shutting down" }
        let answered = await withTaskGroup(of: Bool.self) { race in
            race.addTask { (try? await store.read { _ in true }) ?? false }
            race.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            defer { race.cancelAll() }
            return await race.next() ?? false
        }
        return answered ? nil : "the store does not answer"
    }

    package static func openStore(_ path: String) throws -> SQLiteStore {
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            return try SQLiteStore(path: path)
        } catch let error as ExchangeError where error.reason == "database_in_use" {
            throw ValidationFailure(error.message)
        } catch {
            throw ValidationFailure("cannot open the database \(path): \(error)")
        }
    }

    /// How licitd writes its logs to standard error.
    package enum LogFormat: String, CaseIterable, Sendable {
        /// For people: one line per event with its metadata.
        case text
        /// For shippers: one JSON object per line (``JSONLogHandler``).
        case json
    }

    package static func makeLogger(level: Logger.Level, format: LogFormat = .text) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: "licitd")
    }
}
