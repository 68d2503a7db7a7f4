import Foundation
import LicitClient
import LicitPostgresTesting

/// Several `licitd serve` processes of one exchange: the same sandbox files (CA, accounts, seal
/// key) and one PostgreSQL database, each on its own port — the topology of docs/DEPLOYMENT.md.
struct DaemonCluster {
    let daemons: [LicitdProcess]
    let postgres: TestPostgres
    let database: String

    /// A new database on the lab's PostgreSQL, seeded by `licitd sandbox --database`, and `count`
    /// daemon configurations serving it (none started).
    static func make(_ lab: Lab, _ name: String, count: Int, limits: [String: Int]) async throws -> DaemonCluster {
        let postgres = try lab.postgresCluster()
        let database = try postgres.createDatabase()
        let first = try await LicitdProcess.sandbox(
            lab,
            in: try lab.folder(name),
            limits: limits,
            postgres: database
        )
        let others = try (1..<count).map { try first.sibling($0, limits: limits) }
        return DaemonCluster(daemons: [first] + others, postgres: postgres, database: database)
    }

    func startAll() async throws {
        for daemon in self.daemons where !daemon.isRunning { try await daemon.startServing() }
    }

    func stopAll() {
        for daemon in self.daemons { daemon.stop() }
    }

    /// Stops every daemon with SIGTERM, failing `findings` for each that did not drain and exit.
    func stopAll(checking findings: inout Findings) {
        for daemon in self.daemons {
            findings.check(daemon.stop(), "licitd did not exit within 60 s of SIGTERM; see \(daemon.log.path)")
        }
    }

    /// `account`'s client configuration: daemon `first` first, then the others in turn (the SDK
    /// fails over to the next after a failed or lost connection).
    func configuration(_ account: String, first: Int) throws -> LicitClientConfiguration {
        var configuration = try self.daemons[first].configuration(account)
        configuration.otherEndpoints = self.daemons.indices.filter { $0 != first }.map {
            LicitClientConfiguration.Endpoint(host: configuration.host, port: self.daemons[$0].port)
        }
        return configuration
    }
}

extension Lab {
    /// The PostgreSQL cluster of `--backend postgres`, started on first use.
    func postgresCluster() throws -> TestPostgres {
        guard let cluster = try TestPostgres.shared() else {
            throw ProbeError(
                "PostgreSQL is not installed here (apt-get install postgresql): --backend postgres needs it"
            )
        }
        return cluster
    }
}
