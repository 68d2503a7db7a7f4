import Foundation

/// Every key of the configuration file, from the code: docs/CONFIGURATION.md lists exactly these
/// (a test checks), and ``DaemonConfiguration/read(_:)`` refuses any other, so that a misspelt
/// setting is never silently ignored.
extension DaemonConfiguration {
    /// Every setting given once. Not a configuration to run: `database` and `postgres` exclude
    /// each other.
    package static let everySetting = DaemonConfiguration(
        listen: .init(host: "0.0.0.0", port: 7443),
        caCertificate: "/etc/licit/ca/cert.pem",
        caKey: "/etc/licit/ca/key.pem",
        serverCertificate: "/etc/licit/server/cert.pem",
        serverKey: "/etc/licit/server/key.pem",
        accountsFile: "/var/lib/licit/accounts.json",
        database: "/var/lib/licit/exchange.sqlite",
        postgres: .init(
            host: "db.internal",
            port: 5432,
            user: "licit",
            database: "licit",
            passwordFile: "/etc/licit/pgpass",
            sslmode: "require",
            maxConnections: 20
        ),
        sealKey: "/etc/licit/seal/key.b64",
        retiredSealKeys: "/etc/licit/seal/retired-seal-keys.json",
        serverName: "exchange.example.org",
        limits: .init(
            maxFrameBytes: 4_194_304,
            maxCallsInFlight: 64,
            maxConnections: 10_000,
            maxConnectionsPerIdentity: 16,
            handshakeTimeoutMs: 10_000,
            frameTimeoutMs: 30_000,
            idleTimeoutMs: 300_000,
            defaultCallTimeoutMs: 30_000,
            maxCallTimeoutMs: 300_000,
            outboundHighWaterBytes: 1_048_576,
            outboundStallTimeoutMs: 30_000,
            drainTimeoutMs: 30_000,
            authorityWritesPerSecond: 50,
            authorityWriteBurst: 100,
            rateLimitMaxWaitMs: 2_000
        ),
        oversight: .init(alertOverdueDays: 30, alertDiscrepancyPercent: 5),
        notifications: .init(
            smtp: .init(
                host: "smtp.exchange.example",
                port: 587,
                security: .starttls,
                from: "licit@exchange.example",
                username: "licit",
                passwordFile: "/etc/licit/smtp-password",
                heloName: "exchange.example"
            ),
            trustRoots: ["/etc/licit/receivers-ca.pem"],
            firstRetryMs: 5_000,
            maxRetryMs: 900_000,
            deliveryTimeoutMs: 20_000,
            pollIntervalMs: 30_000,
            enabled: true
        ),
        admin: .init(host: "127.0.0.1", port: 9443),
        auditCheckpoints: .init(file: "/var/lib/licit/checkpoints.log", intervalSeconds: 3_600)
    )

    /// Every key, as a dotted path of the JSON file (`limits.max_frame_bytes`).
    package static let keyPaths: Set<String> = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try! encoder.encode(Self.everySetting)
        return Self.paths(of: try! JSONSerialization.jsonObject(with: data))
    }()

    /// The key paths of a decoded JSON value; an array or a scalar ends a path.
    static func paths(of value: Any, under prefix: String = "") -> Set<String> {
        guard let object = value as? [String: Any] else { return prefix.isEmpty ? [] : [prefix] }
        var paths: Set<String> = []
        for (key, child) in object {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            paths.formUnion(child is [String: Any] ? Self.paths(of: child, under: path) : [path])
        }
        return paths
    }

    /// The keys of a configuration file that name no setting.
    static func unknownKeys(in data: Data) -> [String] {
        guard let object = try? JSONSerialization.jsonObject(with: data) else { return [] }
        let sections = Set(Self.keyPaths.compactMap { $0.split(separator: ".").dropLast().joined(separator: ".") })
        return Self.paths(of: object).filter { path in
            !Self.keyPaths.contains(path) && !sections.contains(path)
        }.sorted()
    }
}
