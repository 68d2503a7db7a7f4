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

    /// The exchange's seal key file, and the retired keys' file.
    func sealKeyPaths() throws -> (key: String, retired: String) {
        if let data = self.data {
            let key = SandboxDirectory(root: URL(fileURLWithPath: data)).sealKeyFile.path
            return (key, RetiredSealKeys.path(beside: key))
        }
        let configuration = try DaemonConfiguration.read(self.config!)
        return (
            configuration.sealKey,
            RetiredSealKeys.path(beside: configuration.sealKey, configured: configuration.retiredSealKeys)
        )
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
