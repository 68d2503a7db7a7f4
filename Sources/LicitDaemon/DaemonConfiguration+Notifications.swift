import Foundation
import LicitNotifications

/// The `notifications` section of the configuration file: how inbox events reach CNAs' webhooks
/// and e-mail addresses. Omitted, webhooks are delivered with the defaults and e-mail waits for a
/// server.
///
/// ```json
/// "notifications": {
///   "smtp": { "host": "smtp.exchange.example", "port": 587, "security": "starttls",
///             "from": "licit@exchange.example", "username": "licit", "password_file": "/etc/licit/smtp" },
///   "trust_roots": ["/etc/licit/receivers-ca.pem"],
///   "first_retry_ms": 5000, "max_retry_ms": 900000, "delivery_timeout_ms": 20000 }
/// ```
extension DaemonConfiguration {
    package struct Notifications: Codable {
        package struct SMTP: Codable {
            package var host: String
            package var port: Int?
            /// none, starttls (the default) or tls.
            package var security: NotificationSettings.SMTP.Security?
            package var from: String
            package var username: String?
            package var passwordFile: String?
            package var heloName: String?
        }

        package var smtp: SMTP?
        package var trustRoots: [String]?
        package var firstRetryMs: Int?
        package var maxRetryMs: Int?
        package var deliveryTimeoutMs: Int?
        package var pollIntervalMs: Int?
        /// False: this daemon delivers nothing (another process, or nobody, does).
        package var enabled: Bool?
    }

    /// The notifier's settings; nil when the configuration turns it off.
    package func notificationSettings() throws -> NotificationSettings? {
        let given = self.notifications
        guard given?.enabled ?? true else { return nil }
        var settings = NotificationSettings()
        if let smtp = given?.smtp {
            let security = smtp.security ?? .starttls
            settings.smtp = .init(
                host: smtp.host,
                port: smtp.port ?? (security == .tls ? 465 : 587),
                security: security,
                from: smtp.from,
                username: smtp.username,
                password: try smtp.passwordFile.map {
                    try Self.readText($0, what: "SMTP password").trimmingCharacters(in: .whitespacesAndNewlines)
                },
                heloName: smtp.heloName
                    ?? (ProcessInfo.processInfo.hostName.isEmpty ? "licitd" : ProcessInfo.processInfo.hostName)
            )
        }
        for path in given?.trustRoots ?? [] {
            _ = try Self.readText(path, what: "trusted certificates for notifications")
        }
        settings.extraTrustRoots = given?.trustRoots ?? []
        func milliseconds(
            _ value: Int?,
            _ keyPath: WritableKeyPath<NotificationSettings, Duration>,
            _ name: String
        )
            throws
        {
            guard let value else { return }
            guard value > 0 else { throw ValidationFailure("notifications.\(name) must be above 0, not \(value)") }
            settings[keyPath: keyPath] = .milliseconds(value)
        }
        try milliseconds(given?.firstRetryMs, \.firstRetryDelay, "first_retry_ms")
        try milliseconds(given?.maxRetryMs, \.maxRetryDelay, "max_retry_ms")
        try milliseconds(given?.deliveryTimeoutMs, \.deliveryTimeout, "delivery_timeout_ms")
        try milliseconds(given?.pollIntervalMs, \.pollInterval, "poll_interval_ms")
        return settings
    }
}
