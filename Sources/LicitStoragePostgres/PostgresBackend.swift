import Foundation
import LicitModel
import LicitStorage
import Logging
import PostgresNIO
import Synchronization

/// PostgreSQL as the exchange's store, for several `licitd` daemons on one database: the
/// ``StagingBackend`` a ``StagedStorage`` runs on (`PostgresStore.open`).
///
/// - Every write session is one transaction that first takes a transaction-scoped advisory lock,
///   so writes apply one after another across all daemons: one audit chain, numbers unique per CNA,
///   no IA or estimate committed twice by EAs racing on two daemons, a request id applied once
///   whichever daemon a retry reaches.
/// - A write is acknowledged only after PostgreSQL's `COMMIT` returns, with `synchronous_commit`
///   as the server has it (on by default: the commit is on the primary's disk; with a synchronous
///   standby, on the standby's too, which is what makes a failover lose nothing).
/// - Reads run on one `REPEATABLE READ` snapshot.
///
/// The driver's connection pool runs in ``run()``: run the backend as a service (the daemon adds it
/// to its service group) or beside the work that uses it.
public final class PostgresBackend: StagingBackend {
    let client: PostgresClient
    let configuration: PostgresStoreConfiguration
    let logger: Logger

    /// The key of the advisory lock every write transaction holds.
    static let writeLockKey: Int64 = 0x4C49_4349_545F_5752  // "LICIT_WR"

    /// Migrates the schema before the first session, when asked to.
    private let schema: SchemaOnce?

    /// A backend on `configuration`. With `migratingOnFirstUse`, the first session migrates the
    /// schema; otherwise call ``migrate()`` before serving.
    public init(
        _ configuration: PostgresStoreConfiguration,
        logger: Logger = Logger(label: "licit.postgres"),
        migratingOnFirstUse: Bool = false
    ) {
        self.client = PostgresClient(configuration: configuration.client, backgroundLogger: logger)
        self.configuration = configuration
        self.logger = logger
        self.schema = migratingOnFirstUse ? SchemaOnce() : nil
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await self.client.run()
    }

    /// The channel a commit that added inbox events notifies.
    static let inboxChannel = "licit_inbox"

    /// Calls `onEvents` whenever a write of any daemon on the database has added inbox events, until
    /// the task is cancelled; also once after each (re)connection, for what was committed while no
    /// connection listened. The inbox table stays the truth: a lost notification delays an event's
    /// delivery, it never loses the event.
    ///
    /// The listener holds a connection of its own, outside the pool: when the database comes back
    /// after an outage, the pool's first new connection goes to the writes waiting for it.
    public func listenForInboxEvents(_ onEvents: @escaping @Sendable () -> Void) async {
        var delay = Duration.milliseconds(100)
        var attempt = 0
        while !Task.isCancelled {
            do {
                attempt += 1
                let connection = try await PostgresConnection.connect(
                    configuration: try self.configuration.connection(),
                    id: attempt,
                    logger: self.logger
                )
                do {
                    let notifications = try await connection.listen(Self.inboxChannel)
                    onEvents()
                    delay = .milliseconds(100)
                    for try await _ in notifications { onEvents() }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch {
                guard !Task.isCancelled else { return }
                self.logger.warning(
                    "listening for inbox events failed; retrying",
                    metadata: ["error": "\(String(reflecting: error))"]
                )
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(5))
        }
    }

    /// Creates or upgrades the schema (append-only migrations; several daemons may start at once).
    public func migrate() async throws {
        try await self.storageCall {
            try await self.client.withConnection { connection in
                try await PostgresMigrations.migrate(connection, logger: self.logger)
            }
        }
    }

    public func withWriteSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value {
        try await self.schema?.ensure(self)
        return try await self.storageCall {
            try await self.withConnection(within: Self.writeSessionTimeout) { connection in
                try await self.transaction(connection, begin: "BEGIN") { session in
                    try await connection.query(
                        "SELECT pg_advisory_xact_lock(\(Self.writeLockKey))",
                        logger: self.logger
                    )
                    return try await body(session)
                }
            }
        }
    }

    public func withReadSession<Value: Sendable>(
        _ body: @escaping @Sendable (any StagingSession) async throws -> Value
    ) async throws -> Value {
        try await self.schema?.ensure(self)
        return try await self.storageCall {
            try await self.withConnection(within: Self.readSessionTimeout) { connection in
                try await self.transaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") {
                    try await body($0)
                }
            }
        }
    }

    public func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        try await self.withReadSession { session in
            let session = session as! PostgresSession
            return try await session.auditPage(after: sequence, limit: limit)
        }
    }

    /// Whether `connection` can take another query after `error`: yes after an error of the
    /// exchange or of one statement; no once the connection is closed or closing (the server
    /// shut down or crashed: SQLSTATE classes 08 and 57), where a query sent would never be
    /// answered, and the transaction is gone with the connection anyway.
    static func connectionGoesOn(after error: any Error, _ connection: PostgresConnection) -> Bool {
        guard !connection.isClosed else { return false }
        guard let error = error as? PSQLError else { return true }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return !state.hasPrefix("08") && !state.hasPrefix("57")
    }

    /// How long a session waits for a connection of the pool, and how long it may then take,
    /// before it is answered `storage_unavailable`.
    static let leaseTimeout = Duration.seconds(5)
    static let writeSessionTimeout = Duration.seconds(15)
    static let readSessionTimeout = Duration.seconds(120)

    /// Runs `body` on a connection of the pool, with two deadlines. While the database is down, and
    /// for a while after it is back, the pool may keep a request waiting for long (it backs off
    /// between connection attempts); and a query in flight when the server crashes may never be
    /// answered. Past either deadline the caller is told the store is unavailable (a retry with
    /// the same request id is safe), the connection is closed, and the session is left behind.
    func withConnection<Value: Sendable>(
        within deadline: Duration,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let session = DeadlineSession<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            session.begin(continuation)
            let worker = Task {
                do {
                    let value = try await self.client.withConnection { connection in
                        session.leased(connection)
                        return try await body(connection)
                    }
                    session.finish(.success(value))
                } catch {
                    session.finish(.failure(error))
                }
            }
            session.watch(
                Task {
                    try await Task.sleep(for: Self.leaseTimeout)
                    guard session.isLeased else {
                        _ = session.finish(.failure(PostgresSessionTimeout(leasing: true)))
                        worker.cancel()
                        return
                    }
                    try await Task.sleep(for: deadline)
                    if let connection = session.finish(.failure(PostgresSessionTimeout(leasing: false))) {
                        self.logger.warning("a database session passed its deadline; closing its connection")
                        try? await connection.close()
                    }
                }
            )
        }
    }

    /// Runs `body` in a transaction on `connection`: committed when it returns, rolled back when
    /// it throws (an error of the exchange's passes through as it is).
    func transaction<Value: Sendable>(
        _ connection: PostgresConnection,
        begin: String,
        _ body: (PostgresSession) async throws -> Value
    ) async throws -> Value {
        try await connection.query(PostgresQuery(unsafeSQL: begin), logger: self.logger)
        let value: Value
        do {
            value = try await body(PostgresSession(connection: connection, logger: self.logger))
        } catch {
            if Self.connectionGoesOn(after: error, connection) {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
            }
            throw error
        }
        try await connection.query("COMMIT", logger: self.logger)
        return value
    }

    /// A failure of the database (connection lost, server down, commit refused) is
    /// `storage_unavailable`: nothing was acknowledged, and a retry with the same request id
    /// applies the write exactly once.
    func storageCall<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as ExchangeError {
            throw error
        } catch let error as LedgerMiss {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ExchangeError(
                "storage_unavailable",
                "the exchange's database could not complete the write or read: \(String(reflecting: error))",
                cause: error
            )
        }
    }
}

/// Migrates once, however many sessions start together.
/// A session passed a deadline: no connection of the pool within ``PostgresBackend/leaseTimeout``,
/// or no end within its own.
struct PostgresSessionTimeout: Error, CustomStringConvertible {
    let leasing: Bool
    var description: String {
        self.leasing
            ? "no connection to PostgreSQL within \(PostgresBackend.leaseTimeout): the database is down or overloaded"
            : "PostgreSQL did not answer the session in time: the database is down or overloaded"
    }
}

/// One session racing its deadlines: whichever ends first answers the caller, once.
private final class DeadlineSession<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var connection: PostgresConnection?
        var timer: Task<Void, any Error>?
        var finished = false
    }
    private let state = Mutex(State())

    func begin(_ continuation: CheckedContinuation<Value, any Error>) {
        self.state.withLock { $0.continuation = continuation }
    }

    func leased(_ connection: PostgresConnection) {
        self.state.withLock { $0.connection = connection }
    }

    var isLeased: Bool { self.state.withLock { $0.connection != nil } }

    func watch(_ timer: Task<Void, any Error>) {
        let finished = self.state.withLock { state in
            state.timer = timer
            return state.finished
        }
        if finished { timer.cancel() }
    }

    /// Answers the caller unless already answered; the connection, when this was the answer.
    @discardableResult
    func finish(_ result: Result<Value, any Error>) -> PostgresConnection? {
        typealias Taken = (CheckedContinuation<Value, any Error>?, Task<Void, any Error>?, PostgresConnection?)
        let (continuation, timer, connection) = self.state.withLock { state -> Taken in
            guard !state.finished else { return (nil, nil, nil) }
            state.finished = true
            defer { state.continuation = nil }
            return (state.continuation, state.timer, state.connection)
        }
        guard let continuation else { return nil }
        timer?.cancel()
        continuation.resume(with: result)
        return connection
    }
}

private actor SchemaOnce {
    private var migrated = false

    func ensure(_ backend: PostgresBackend) async throws {
        guard !self.migrated else { return }
        try await backend.migrate()
        self.migrated = true
    }
}

/// What a ``PostgresBackend`` found wrong with its database.
enum PostgresStoreError: Error, CustomStringConvertible {
    case schemaMissing

    var description: String {
        switch self {
        case .schemaMissing: "the database has no licit schema: run the migrations (licitd does at start)"
        }
    }
}

/// The exchange on PostgreSQL: a ``StagedStorage`` over a ``PostgresBackend``.
public typealias PostgresStore = StagedStorage<PostgresBackend>

extension PostgresSession {
    func auditPage(after sequence: UInt64, limit: Int) async throws -> AuditPage {
        let head = try await self.head()
        let rows = try await self.connection.query(
            """
            SELECT sequence, at, actor, certificate, action, subject, outcome, detail, previous_hash, hash
            FROM audit WHERE sequence > \(Int64(clamping: sequence)) ORDER BY sequence LIMIT \(Int64(max(limit, 0)))
            """,
            logger: self.logger
        ).collect()
        let records = try rows.map { row in
            let (sequence, at, actor, certificate, action, subject, outcome, detail, previous, hash) = try row.decode(
                (Int64, Int64, String, String, String, String, String, String, Data, Data).self
            )
            return AuditRecord(
                sequence: UInt64(sequence),
                at: at,
                actor: actor,
                certificate: certificate,
                action: action,
                subject: subject,
                outcome: outcome,
                detail: detail,
                previousHash: previous,
                hash: hash
            )
        }
        return AuditPage(records: records, headSequence: UInt64(head.auditSequence), headHash: head.auditHash)
    }
}

extension PostgresBackend {
    /// Runs `body` with the exchange's store on `configuration`, the schema migrated first and the
    /// connection pool running beside it until `body` returns.
    public static func withStore<Value: Sendable>(
        _ configuration: PostgresStoreConfiguration,
        logger: Logger = Logger(label: "licit.postgres"),
        _ body: (PostgresStore) async throws -> Value
    ) async throws -> Value {
        let backend = PostgresBackend(configuration, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await backend.run() }
            defer { group.cancelAll() }
            try await backend.migrate()
            return try await body(StagedStorage(backend))
        }
    }
}
