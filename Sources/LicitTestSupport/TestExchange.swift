import Foundation
import LicitClient
import LicitExchange
import LicitPKI
import LicitPostgresTesting
import LicitServer
import LicitServerCore
import LicitStorage
import LicitStoragePostgres
import Logging
import NIOCore
import ServiceLifecycle

/// An in-process exchange on 127.0.0.1, port 0, with certificates made for the test.
public struct TestExchange: Sendable {
    public let pki: TestPKI
    public let server: ExchangeServer
    public let directory: InMemoryAccountDirectory
    public let probe: CallProbe
    /// The exchange's state, its clock (tests move it) and what its handlers share.
    public let exchange: ExchangeContext
    public let clock: TestClock
    public let port: Int
    let serviceGroup: ServiceGroup

    /// The store a test exchange runs on unless a test gives one: in memory, or — with
    /// `LICIT_TEST_STORAGE=staged` — staged on an asynchronous backend, as PostgreSQL runs, so that
    /// the whole exchange suite checks the staged seam too (CI runs it both ways).
    public static func defaultStorage() -> any Storage {
        switch ProcessInfo.processInfo.environment["LICIT_TEST_STORAGE"] {
        case "staged": StagedStorage(MemoryStagingBackend())
        case "postgres": Self.postgresStorage()
        default: InMemoryStorage()
        }
    }

    /// A new database on the test process's PostgreSQL cluster (`LICIT_TEST_STORAGE=postgres`).
    /// Its connection pool runs for the rest of the process.
    static func postgresStorage() -> any Storage {
        do {
            guard let cluster = try TestPostgres.shared() else { fatalError(TestPostgres.skipReason) }
            let backend = PostgresBackend(
                try PostgresStoreConfiguration(url: try cluster.createDatabase()),
                migratingOnFirstUse: true
            )
            Task.detached { await backend.run() }
            return StagedStorage(backend)
        } catch {
            fatalError("LICIT_TEST_STORAGE=postgres: \(error)")
        }
    }

    /// Starts an exchange, runs `body`, then shuts it down gracefully.
    public static func with<Result: Sendable>(
        limits: ServerLimits = .defaults,
        storage: any Storage = TestExchange.defaultStorage(),
        clock: TestClock = TestClock(),
        _ body: (TestExchange) async throws -> Result
    ) async throws -> Result {
        let pki = try TestPKI()
        let directory = InMemoryAccountDirectory()
        let probe = CallProbe()
        let administration = DirectoryAdministration(directory: directory, authority: pki.authority, persistence: .none)
        let exchange = ExchangeContext(
            storage: storage,
            sealKeys: SealKeyRing(current: .generate()),
            clock: clock,
            directory: directory,
            administration: administration
        )
        var registry = MethodRegistry(SessionMethods.handlers + exchange.handlers, tally: exchange.tally)
        for handler in TestMethods.handlers(probe: probe) { registry.register(handler) }
        var logger = Logger(label: "licit.test.server")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LICIT_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        let server = ExchangeServer(
            configuration: ServerConfiguration(
                host: "127.0.0.1",
                port: 0,
                authority: pki.authority.certificate,
                serverIdentity: pki.server,
                limits: limits
            ),
            registry: registry,
            directory: directory,
            clock: clock,
            logger: logger,
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
        let serviceGroup = ServiceGroup(services: [server], gracefulShutdownSignals: [], logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await serviceGroup.run() }
            defer { group.cancelAll() }
            let port = try await server.localAddress.port!
            let exchange = TestExchange(
                pki: pki,
                server: server,
                directory: directory,
                probe: probe,
                exchange: exchange,
                clock: clock,
                port: port,
                serviceGroup: serviceGroup
            )
            let result = try await body(exchange)
            await serviceGroup.triggerGracefulShutdown()
            try await group.next()
            return result
        }
    }

    /// Begins the graceful shutdown: GoAway to every connection, in-flight calls finish.
    public func shutDownGracefully() async {
        await self.serviceGroup.triggerGracefulShutdown()
    }

    /// Issues a certificate for a new account and registers it.
    public func register(
        _ name: String,
        role: Role = .signer,
        country: String = "FR",
        authority: String? = nil
    ) throws -> IssuedIdentity {
        let (identity, account) = try self.pki.makeAccount(name, role: role, country: country, authority: authority)
        self.directory.register(account)
        return identity
    }

    /// A client configuration for `identity`, pointing at this exchange.
    public func clientConfiguration(_ identity: IssuedIdentity) throws -> LicitClientConfiguration {
        var configuration = LicitClientConfiguration(
            host: "127.0.0.1",
            port: self.port,
            identity: ClientIdentity(
                certificatePEM: try identity.certificatePEM,
                privateKeyPEM: try identity.privateKeyPEM
            ),
            trustedAuthorityPEM: try self.pki.authorityPEM
        )
        configuration.connectTimeout = .seconds(5)
        configuration.reconnectBackoff = (.milliseconds(20), .milliseconds(200))
        return configuration
    }
}
