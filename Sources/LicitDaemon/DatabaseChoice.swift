import Foundation
import LicitStoragePostgres

/// Where a daemon keeps the exchange: the embedded SQLite file (one daemon), or PostgreSQL (one or
/// several daemons on one database).
package enum DatabaseChoice {
    case sqlite(path: String)
    case postgres(PostgresStoreConfiguration)
}

extension DaemonConfiguration {
    /// PostgreSQL given field by field (`"postgres": {…}`), instead of a URL in `database`.
    package struct Postgres: Codable {
        package var host: String
        package var port: Int?
        package var user: String
        package var database: String
        /// A file holding the password (its first line); none for trust or certificate auth.
        package var passwordFile: String?
        /// `disable` (the default), `prefer` or `require`.
        package var sslmode: String?
        /// Connections this daemon keeps open at most (default 20).
        package var maxConnections: Int?
    }

    /// The database the configuration names: `database` as a SQLite path or a `postgres://` URL,
    /// or the `postgres` block; exactly one of the two.
    package func databaseChoice() throws -> DatabaseChoice {
        switch (self.database, self.postgres) {
        case (let text?, nil) where text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"):
            do {
                return .postgres(try PostgresStoreConfiguration(url: text))
            } catch {
                throw ValidationFailure("\(error)")
            }
        case (let path?, nil):
            return .sqlite(path: path)
        case (nil, let block?):
            var configuration = PostgresStoreConfiguration(
                host: block.host,
                port: block.port ?? 5432,
                user: block.user,
                database: block.database
            )
            if let mode = block.sslmode {
                guard let sslMode = PostgresStoreConfiguration.SSLMode(rawValue: mode) else {
                    throw ValidationFailure("postgres.sslmode must be disable, prefer or require, not \"\(mode)\"")
                }
                configuration.sslMode = sslMode
            }
            if let file = block.passwordFile {
                let text = try Self.readText(file, what: "PostgreSQL password file")
                configuration.password = String(text.prefix { $0 != "\n" && $0 != "\r" })
            }
            if let maximum = block.maxConnections { configuration.maximumConnections = maximum }
            return .postgres(configuration)
        case (nil, nil):
            throw ValidationFailure(
                "the configuration names no database: give \"database\" (a SQLite path or a postgres:// URL) or a \"postgres\" block"
            )
        case (_?, _?):
            throw ValidationFailure("give \"database\" or a \"postgres\" block, not both")
        }
    }
}
