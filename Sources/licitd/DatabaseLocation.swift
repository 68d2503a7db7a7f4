import ArgumentParser
import Foundation
import LicitDaemon

/// Which database a command is about: a sandbox's or a deployment's.
struct DatabaseLocation: ParsableArguments {
    @Option(name: .long, help: "A sandbox folder.")
    var data: String?

    @Option(name: .long, help: "A deployment's configuration file.")
    var config: String?

    func validate() throws {
        guard (self.data == nil) != (self.config == nil) else {
            throw ValidationError("give either --data DIR (a sandbox) or --config FILE (a deployment)")
        }
    }

    func choice() throws -> DatabaseChoice {
        try self.data.map { .sqlite(path: SandboxDirectory(root: URL(fileURLWithPath: $0)).databaseFile.path) }
            ?? DaemonConfiguration.read(self.config!).databaseChoice()
    }

    /// The exchange's seal key file.
    func sealKeyPath() throws -> String {
        try self.data.map { SandboxDirectory(root: URL(fileURLWithPath: $0)).sealKeyFile.path }
            ?? DaemonConfiguration.read(self.config!).sealKey
    }

    /// The SQLite file; PostgreSQL has its own tools.
    func sqlitePath() throws -> String {
        guard case .sqlite(let path) = try self.choice() else {
            throw ValidationFailure(
                "this exchange is on PostgreSQL: back it up with pg_basebackup and WAL archiving (docs/DEPLOYMENT.md)"
            )
        }
        return path
    }
}
