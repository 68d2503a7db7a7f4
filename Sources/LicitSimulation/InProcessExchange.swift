import Foundation
import LicitExchange
import LicitModel
import LicitPostgresTesting
import LicitServerCore
import LicitStorage
import LicitStoragePostgres
import LicitStorageSQLite
import LicitWire
import Logging
import Synchronization

/// Which store a simulated exchange runs on.
public enum SimulationStore: String, Sendable, CaseIterable {
    /// The embedded SQLite store `licitd` runs on, in a folder of its own.
    case sqlite
    /// The staged store of an asynchronous backend, as PostgreSQL runs: its state outlives a
    /// restart, as a database server's does. Steps about the SQLite file (a second daemon on it,
    /// tampering with a copy) do not apply.
    case staged
    /// PostgreSQL, a new database on a throwaway cluster per history: the SQL of the scale-out
    /// store under every step. A restart is a new backend (a new connection pool) on the database.
    case postgres
}

/// The real exchange in process: the daemon's handlers and session on a store of its own (a
/// SQLite file in a folder, or a staged store), with no sockets. Calls go through the same
/// `ServerConnection` a TLS connection drives; the sandbox clock runs on the simulation's time,
/// not the machine's.
final class InProcessExchange {
    let folder: URL
    let time: SimulatedTime
    let directory: InMemoryAccountDirectory
    let kind: SimulationStore
    /// The SQLite store, when the exchange runs on one.
    private(set) var sqlite: SQLiteStore?
    /// The store under the crash switch.
    private(set) var store: any Storage
    private let stagingBackend = MemoryStagingBackend()
    /// The PostgreSQL database of a `postgres` history, and the running pool of its backend.
    private var postgres: (configuration: PostgresStoreConfiguration, pool: Task<Void, Never>)?
    /// The store as the exchange sees it: a crash can be armed around the next commit.
    private(set) var crashing: CrashingStorage
    private(set) var clock: SandboxClock
    private(set) var context: ExchangeContext
    private var server: ExchangeProtocol

    var path: String { self.folder.appendingPathComponent("exchange.sqlite").path }

    init(folder: URL, time: SimulatedTime, store kind: SimulationStore) throws {
        self.folder = folder
        self.time = time
        self.kind = kind
        self.directory = InMemoryAccountDirectory(accounts: SimulationWorld.accounts)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store: any Storage
        switch kind {
        case .sqlite:
            let sqlite = try SQLiteStore(path: folder.appendingPathComponent("exchange.sqlite").path)
            self.sqlite = sqlite
            store = sqlite
        case .staged:
            store = StagedStorage(self.stagingBackend)
        case .postgres:
            guard let cluster = try TestPostgres.shared() else { throw PostgresMissing() }
            let configuration = try PostgresStoreConfiguration(url: try cluster.createDatabase())
            let (backend, pool) = Self.postgresBackend(configuration)
            self.postgres = (configuration, pool)
            store = StagedStorage(backend)
        }
        let clock = SandboxClock(start: time.now, rate: 1, realTime: time.reader)
        self.store = store
        self.crashing = CrashingStorage(store)
        self.clock = clock
        (self.context, self.server) = Self.make(store: self.crashing, clock: clock, directory: self.directory)
    }

    private static func make(
        store: any Storage,
        clock: SandboxClock,
        directory: InMemoryAccountDirectory
    ) -> (ExchangeContext, ExchangeProtocol) {
        let context = ExchangeContext(
            storage: store,
            sealKeys: SealKeyRing(current: try! SealKey(rawRepresentation: Data(repeating: 9, count: 32))),
            clock: clock,
            directory: directory,
            administration: SimulatedAdministration(directory: directory)
        )
        var limits = ServerLimits.defaults
        limits.authorityWritesPerSecond = 1_000_000
        limits.authorityWriteBurst = 1_000_000
        let server = ExchangeProtocol(
            registry: MethodRegistry(SessionMethods.handlers + context.handlers, tally: context.tally),
            limits: limits,
            directory: directory,
            clock: clock,
            onDenial: { account, method, status in
                try await context.auditRoleDenial(
                    account,
                    method: method,
                    reason: status.reason,
                    message: status.message
                )
            }
        )
        return (context, server)
    }

    /// Seeds the world's reference data, as `licitd sandbox` seeds a new sandbox.
    func seed() async throws {
        let data = SimulationWorld.reference(year: SimulationWorld.startDay.year)
        _ = try await self.store.write(
            WriteIntent(
                authority: "SIMULATION",
                requestID: "seed",
                payload: Data(),
                actor: "simulation",
                certificate: "",
                action: "reference.import",
                subject: "world",
                at: Int64(SimulationWorld.start.timeIntervalSince1970 * 1000)
            )
        ) { transaction in
            try data.apply(to: transaction)
            return Data()
        }
    }

    /// One call, on a connection of its own (Hello, then the call), answered in full.
    func call(_ account: Account, _ method: String, _ payload: Data, requestID: String = "") async -> Licit_V1_Response
    {
        await self.server.call(account, method, payload, requestID: requestID, logger: Self.silent)
    }

    /// Stops the exchange as a crash would (nothing flushed but what was committed) and starts it
    /// again on the same files, as `licitd` starts.
    func restart() async throws {
        switch self.kind {
        case .sqlite:
            try self.sqlite?.close()
            let sqlite = try SQLiteStore(path: self.path)
            self.sqlite = sqlite
            self.store = sqlite
        case .staged:
            self.store = StagedStorage(self.stagingBackend)
        case .postgres:
            guard let configuration = self.postgres?.configuration else { break }
            self.postgres?.pool.cancel()
            let (backend, pool) = Self.postgresBackend(configuration)
            self.postgres = (configuration, pool)
            self.store = StagedStorage(backend)
        }
        self.crashing = CrashingStorage(self.store)
        self.clock = try await SandboxClock.resuming(from: self.store, realTime: self.time.reader)
        (self.context, self.server) = Self.make(store: self.crashing, clock: self.clock, directory: self.directory)
    }

    /// Runs the sweep the daemon runs every few seconds.
    func sweep() async throws {
        try await ExpirySweep(self.context).run()
    }

    func close() {
        try? self.sqlite?.close()
        self.postgres?.pool.cancel()
    }

    /// A backend on `configuration` (migrating on first use) and the task running its pool; the
    /// simulation cancels it when the history ends or the exchange restarts.
    private static func postgresBackend(
        _ configuration: PostgresStoreConfiguration
    ) -> (PostgresBackend, Task<Void, Never>) {
        let backend = PostgresBackend(configuration, logger: Self.silent, migratingOnFirstUse: true)
        return (backend, Task.detached { await backend.run() })
    }

    struct PostgresMissing: Error, CustomStringConvertible {
        var description: String { TestPostgres.skipReason }
    }

    /// What `audit verify` reports: the whole SQLite check, or the hash chain of a staged store's trail.
    func verify() async throws -> (isIntact: Bool, problems: [String]) {
        if let sqlite {
            let report = try sqlite.verify()
            return (report.isIntact, report.problems)
        }
        let broken = AuditChain.verify(try await self.store.auditRecords())
        return (broken == nil, broken.map { ["\($0)"] } ?? [])
    }

    /// Silent unless LICIT_SIMULATE_LOG names a level (`debug`, to see why a call failed).
    static let silent: Logger = {
        guard
            let level = ProcessInfo.processInfo.environment["LICIT_SIMULATE_LOG"].flatMap(Logger.Level.init(rawValue:))
        else { return Logger(label: "licit.simulate", factory: { _ in SwiftLogNoOpLogHandler() }) }
        var logger = Logger(label: "licit.simulate", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }()
}
