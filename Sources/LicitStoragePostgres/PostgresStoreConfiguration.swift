import Foundation
import NIOSSL
import PostgresNIO

/// Where the exchange's PostgreSQL database is and how to reach it: from a URL
/// (`postgres://user@host:port/database?sslmode=require`) or field by field.
public struct PostgresStoreConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// TLS to the database: `disable` (the default), `prefer` or `require`.
    public var sslMode: SSLMode
    /// Connections each daemon keeps open at most.
    public var maximumConnections = 20

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public init(
        host: String,
        port: Int = 5432,
        user: String,
        password: String? = nil,
        database: String,
        sslMode: SSLMode = .disable
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// A `postgres://` or `postgresql://` URL; a password in it is taken, but a password file is
    /// better (it stays out of process listings and configuration files).
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
            let host = url.host, !host.isEmpty
        else {
            throw PostgresConfigurationError("database: \"\(text)\" is not a postgres://user@host:port/database URL")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, let user = url.user, !user.isEmpty else {
            throw PostgresConfigurationError(
                "database: the URL names no user or no database (postgres://user@host:port/database)"
            )
        }
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw PostgresConfigurationError("database: sslmode must be disable, prefer or require, not \"\(mode)\"")
        }
        self.init(
            host: host,
            port: url.port ?? 5432,
            user: user,
            password: url.password,
            database: database,
            sslMode: sslMode
        )
    }

    /// The URL without its password, for logs and messages.
    public var displayURL: String {
        "postgres://\(self.user)@\(self.host):\(self.port)/\(self.database)?sslmode=\(self.sslMode.rawValue)"
    }

    var client: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch self.sslMode {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: self.host,
            port: self.port,
            username: self.user,
            password: self.password,
            database: self.database,
            tls: tls
        )
        configuration.options.maximumConnections = self.maximumConnections
        return configuration
    }

    /// One connection outside the pool (the inbox listener's, which holds it for as long as it listens).
    func connection() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch self.sslMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        return PostgresConnection.Configuration(
            host: self.host,
            port: self.port,
            username: self.user,
            password: self.password,
            database: self.database,
            tls: tls
        )
    }
}

/// A database setting that cannot be used, and why.
public struct PostgresConfigurationError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
