import Foundation
import LicitExchange
import LicitPKI
import LicitServer
import LicitServerCore
import SwiftASN1
import X509

/// The daemon's configuration file (`licitd serve --config FILE`), JSON with snake_case keys.
/// Every limit is optional; omitted ones take ``ServerLimits/defaults``.
///
/// ```json
/// { "listen": { "host": "0.0.0.0", "port": 7443 },
///   "ca_certificate": "/etc/licit/ca/cert.pem",
///   "ca_key": "/etc/licit/ca/key.pem",
///   "server_certificate": "/etc/licit/server/cert.pem",
///   "server_key": "/etc/licit/server/key.pem",
///   "accounts_file": "/var/lib/licit/accounts.json",
///   "database": "/var/lib/licit/exchange.sqlite",
///   // or "database": "postgres://licit@db.example:5432/licit?sslmode=require", or
///   // "postgres": { "host": "db.example", "user": "licit", "database": "licit",
///   //               "password_file": "/etc/licit/pgpass", "sslmode": "require" },
///   "seal_key": "/etc/licit/seal/key.b64",
///   "limits": { "max_frame_bytes": 4194304, "max_connections_per_identity": 16 },
///   "oversight": { "alert_overdue_days": 30, "alert_discrepancy_percent": 5 },
///   "notifications": { "smtp": { "host": "localhost", "from": "licit@exchange.example" } },
///   "admin": { "host": "127.0.0.1", "port": 9443 },
///   "audit_checkpoints": { "file": "/var/lib/licit/checkpoints.log", "interval_seconds": 3600 } }
/// ```
package struct DaemonConfiguration: Codable {
    package struct Listen: Codable {
        package var host: String
        package var port: Int
    }

    package struct Limits: Codable {
        package var maxFrameBytes: Int?
        package var maxCallsInFlight: Int?
        package var maxConnections: Int?
        package var maxConnectionsPerIdentity: Int?
        package var handshakeTimeoutMs: Int?
        package var frameTimeoutMs: Int?
        package var idleTimeoutMs: Int?
        package var defaultCallTimeoutMs: Int?
        package var maxCallTimeoutMs: Int?
        package var outboundHighWaterBytes: Int?
        package var outboundStallTimeoutMs: Int?
        package var drainTimeoutMs: Int?
        package var authorityWritesPerSecond: Int?
        package var authorityWriteBurst: Int?
        package var rateLimitMaxWaitMs: Int?
    }

    /// When the Board is alerted (``OversightSettings``); omitted values take the defaults.
    package struct Oversight: Codable {
        package var alertOverdueDays: Int?
        package var alertDiscrepancyPercent: Int?
    }

    package var listen: Listen
    package var caCertificate: String
    /// Needed only to issue certificates (`licitd identity issue`, and enrolment over the wire).
    package var caKey: String?
    package var serverCertificate: String
    package var serverKey: String
    package var accountsFile: String
    /// The SQLite database (created on first run), or a `postgres://user@host:port/database` URL.
    package var database: String?
    /// PostgreSQL field by field, instead of `database` (see ``DatabaseChoice``).
    package var postgres: Postgres?
    /// The exchange's Ed25519 seal key, base64 of its 32 raw bytes (created on first run, mode 0600).
    package var sealKey: String
    /// The seal keys retired by `licitd seal-key rotate` (``RetiredSealKeys``); default
    /// `retired-seal-keys.json` beside the seal key.
    package var retiredSealKeys: String?
    package var serverName: String?
    package var limits: Limits?
    package var oversight: Oversight?
    /// Webhooks and e-mail (``Notifications``).
    package var notifications: Notifications?
    /// The operator's HTTP listener (`/metrics`, `/healthz`, `/readyz`): off when absent. Plain
    /// HTTP: bind it to loopback or a private network.
    package var admin: Listen?
    /// Checkpoints of the audit trail (``AuditCheckpoints``): every hour to the Board's inbox when absent.
    package var auditCheckpoints: AuditCheckpoints?

    /// How often the exchange seals its audit trail's head and delivers it (the Board's inbox,
    /// and `file` when given: an append-only file of one line per checkpoint, to ship elsewhere).
    package struct AuditCheckpoints: Codable {
        package var file: String?
        /// 60 to 86,400; default 3,600.
        package var intervalSeconds: Int?

        package static let defaultInterval = 3600

        package func interval() throws -> Duration {
            let seconds = self.intervalSeconds ?? Self.defaultInterval
            guard (60...86_400).contains(seconds) else {
                throw ValidationFailure(
                    "audit_checkpoints.interval_seconds is \(seconds): give 60 (a minute) to 86400 (a day)"
                )
            }
            return .seconds(seconds)
        }
    }

    package var oversightSettings: OversightSettings {
        let defaults = OversightSettings.defaults
        return OversightSettings(
            overdueAlertDays: self.oversight?.alertOverdueDays ?? defaults.overdueAlertDays,
            discrepancyAlertPercent: self.oversight?.alertDiscrepancyPercent ?? defaults.discrepancyAlertPercent
        )
    }

    package static func read(_ path: String) throws -> DaemonConfiguration {
        let configuration: DaemonConfiguration
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
            configuration = try JSONDecoder.snakeCase.decode(DaemonConfiguration.self, from: data)
        } catch {
            throw ValidationFailure("cannot read the configuration file \(path): \(ValidationFailure.explain(error))")
        }
        let unknown = Self.unknownKeys(in: data)
        guard unknown.isEmpty else {
            throw ValidationFailure(
                "the configuration file \(path) names no such setting: \(unknown.joined(separator: ", ")) (every setting is in docs/CONFIGURATION.md)"
            )
        }
        return configuration
    }

    package var serverLimits: ServerLimits {
        var limits = ServerLimits.defaults
        guard let given = self.limits else { return limits }
        func set(_ keyPath: WritableKeyPath<ServerLimits, Int>, _ value: Int?) {
            if let value { limits[keyPath: keyPath] = value }
        }
        func set(_ keyPath: WritableKeyPath<ServerLimits, Duration>, milliseconds value: Int?) {
            if let value { limits[keyPath: keyPath] = .milliseconds(value) }
        }
        set(\.maxFrameBytes, given.maxFrameBytes)
        set(\.maxCallsInFlight, given.maxCallsInFlight)
        set(\.maxConnections, given.maxConnections)
        set(\.maxConnectionsPerIdentity, given.maxConnectionsPerIdentity)
        set(\.authorityWritesPerSecond, given.authorityWritesPerSecond)
        set(\.authorityWriteBurst, given.authorityWriteBurst)
        set(\.rateLimitMaxWait, milliseconds: given.rateLimitMaxWaitMs)
        set(\.outboundHighWaterBytes, given.outboundHighWaterBytes)
        set(\.handshakeTimeout, milliseconds: given.handshakeTimeoutMs)
        set(\.frameTimeout, milliseconds: given.frameTimeoutMs)
        set(\.idleTimeout, milliseconds: given.idleTimeoutMs)
        set(\.defaultCallTimeout, milliseconds: given.defaultCallTimeoutMs)
        set(\.maxCallTimeout, milliseconds: given.maxCallTimeoutMs)
        set(\.outboundStallTimeout, milliseconds: given.outboundStallTimeoutMs)
        set(\.drainTimeout, milliseconds: given.drainTimeoutMs)
        return limits
    }

    package func serverConfiguration() throws -> ServerConfiguration {
        let authorities = try self.trustedAuthorities()
        let identity = IssuedIdentity(
            certificate: try Certificate(
                pemEncoded: try Self.readText(self.serverCertificate, what: "server certificate")
            ),
            privateKey: try Certificate.PrivateKey(pemEncoded: try Self.readText(self.serverKey, what: "server key"))
        )
        return ServerConfiguration(
            host: self.listen.host,
            port: self.listen.port,
            authority: authorities[0],
            serverIdentity: identity,
            limits: self.serverLimits,
            serverName: self.serverName ?? "licitd",
            alsoTrusted: Array(authorities.dropFirst())
        )
    }

    /// Every CA certificate of `ca_certificate` (one PEM file, one or more certificates): client
    /// certificates issued by any of them are accepted — during a CA rollover, the old and the new.
    package func trustedAuthorities() throws -> [Certificate] {
        let text = try Self.readText(self.caCertificate, what: "CA certificate")
        do {
            let certificates = try PEMDocument.parseMultiple(pemString: text).map { try Certificate(pemDocument: $0) }
            guard !certificates.isEmpty else { throw ValidationFailure("no certificate in it") }
            return certificates
        } catch {
            throw ValidationFailure(
                "the CA certificate file \(self.caCertificate) is not PEM certificates: \(ValidationFailure.explain(error))"
            )
        }
    }

    /// When the server's certificate stops being valid.
    package func serverCertificateExpiry() throws -> Date {
        try Certificate(pemEncoded: try Self.readText(self.serverCertificate, what: "server certificate")).notValidAfter
    }

    /// The CA that issues client certificates, when its key is configured (`ca_key`).
    package func certificateAuthority() throws -> CertificateAuthority? {
        guard let caKey else { return nil }
        let key = try Certificate.PrivateKey(pemEncoded: try Self.readText(caKey, what: "CA key"))
        // The CA that issues is the one whose key is `ca_key`; others are only trusted.
        guard let certificate = try self.trustedAuthorities().first(where: { $0.publicKey == key.publicKey }) else {
            throw ValidationFailure(
                "the CA key \(caKey) belongs to none of the certificates of \(self.caCertificate)"
            )
        }
        return CertificateAuthority(identity: IssuedIdentity(certificate: certificate, privateKey: key))
    }

    package static func readText(_ path: String, what: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationFailure("cannot read the \(what) at \(path): \(ValidationFailure.explain(error))")
        }
    }
}
