import Foundation
import LicitServerCore
import LicitStoragePostgres
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A training sandbox run from its folder: made on first use, reused afterwards.
package enum Sandbox {
    /// Creates the sandbox in `data` if it does not exist, then serves it until a signal in
    /// `signals` arrives or the task is cancelled. With port 0 the bound port is written to the
    /// manifest before `onReady` is called with the manifest.
    package static func run(
        data: URL,
        host: String = "127.0.0.1",
        port: Int?,
        logger: Logger,
        limits: DaemonConfiguration.Limits? = nil,
        writesPerSecond: Int? = nil,
        database: String? = nil,
        faults: FaultSettings = FaultSettings(),
        signals: [UnixSignal] = [.sigterm, .sigint],
        onReady: (SandboxManifest) throws -> Void = { _ in }
    ) async throws {
        // A sandbox serves its metrics: bootstrap them before its first write makes one.
        DaemonMetrics.start(serverCertificateExpiry: nil)
        let sandbox = SandboxDirectory(root: data.standardizedFileURL)
        if !sandbox.exists {
            logger.info("creating a new sandbox", metadata: ["data": "\(sandbox.root.path)"])
            try await sandbox.create(host: host, port: port ?? 7443, seeding: database == nil) {
                logger.info("\($0)")
            }
        }
        let manifest = try sandbox.readManifest()
        let port = port ?? manifest.port
        let configuration = DaemonConfiguration(
            listen: .init(host: host, port: port),
            caCertificate: manifest.caFile,
            caKey: sandbox.authorityFolder.appendingPathComponent("key.pem").path,
            serverCertificate: sandbox.serverFolder.appendingPathComponent("cert.pem").path,
            serverKey: sandbox.serverFolder.appendingPathComponent("key.pem").path,
            accountsFile: sandbox.accountsFile.path,
            database: database ?? sandbox.databaseFile.path,
            sealKey: sandbox.sealKeyFile.path,
            serverName: "licitd-sandbox",
            limits: (limits ?? DaemonConfiguration.Limits()).pacing(writesPerSecond),
            oversight: nil,
            admin: .init(host: "127.0.0.1", port: 0),
            auditCheckpoints: .init(file: sandbox.checkpointsFile.path)
        )
        if case .postgres(let postgres) = try configuration.databaseChoice() {
            // Idempotent (one request id): each sandbox daemon on the database seeds it, once in all.
            try await PostgresBackend.withStore(postgres, logger: logger) { store in
                try await sandbox.seed(into: store) { logger.info("\($0)") }
            }
        }
        let injected = try faults.injector(for: manifest, in: sandbox, logger: logger)
        logger.info(
            "sandbox ready",
            metadata: ["manifest": "\(sandbox.manifestFile.path)", "accounts": "\(manifest.accounts.count)"]
        )
        // The training authority moves this clock (licit.v1.Sandbox/SetClock); sweeps follow it closely.
        try await Daemon.run(
            configuration,
            logger: logger,
            signals: signals,
            clock: .sandbox,
            sweepInterval: .seconds(5),
            faults: injected
        ) { listening in
            // The port may have been chosen (0), and the admin listener's always is.
            let accounts = try AccountsFile.read(sandbox.accountsFile).accounts
            try sandbox.writeManifest(
                host: host,
                port: listening.server.port ?? port,
                accounts: accounts,
                adminURL: listening.admin?.port.map { "http://127.0.0.1:\($0)" }
            )
            try onReady(try sandbox.readManifest())
        }
    }
}

extension Sandbox {
    /// Serves a sandbox in a detached task (for as long as the process lives) on a free port, and
    /// returns its manifest once it listens: an embedded exchange for tests and tools.
    package static func serveInBackground(
        data: URL,
        logger: Logger,
        faults: FaultSettings = FaultSettings()
    ) async throws -> SandboxManifest {
        let (ready, continuation) = AsyncThrowingStream<SandboxManifest, any Error>.makeStream()
        Task.detached {
            do {
                try await Sandbox.run(data: data, port: 0, logger: logger, faults: faults, signals: []) {
                    continuation.yield($0)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        for try await manifest in ready { return manifest }
        throw SandboxStopped()
    }

    package struct SandboxStopped: Error, CustomStringConvertible {
        package var description: String { "the sandbox stopped before it was ready" }
    }
}
