import Foundation
import NIOSSL

/// How the notifier reaches CNAs' receivers: the SMTP server e-mail goes through, the certificates
/// webhooks and that server are trusted by, and how long it waits before trying again.
public struct NotificationSettings: Sendable {
    /// An SMTP server (a relay of the operator's): plain, upgraded with STARTTLS, or TLS from the start.
    public struct SMTP: Sendable {
        public enum Security: String, Sendable, Codable, CaseIterable {
            /// Plain text: only for a relay on this machine or a trusted network.
            case none
            /// Plain text upgraded by STARTTLS before anything is sent; refused if the server cannot.
            case starttls
            /// TLS from the first byte (port 465).
            case tls
        }

        public var host: String
        public var port: Int
        public var security: Security
        /// The sender of every message, for example `licit@exchange.example`.
        public var from: String
        /// For AUTH PLAIN, which is sent only over TLS.
        public var username: String?
        public var password: String?
        /// The name this machine gives in EHLO.
        public var heloName: String

        public init(
            host: String,
            port: Int,
            security: Security,
            from: String,
            username: String? = nil,
            password: String? = nil,
            heloName: String = "licitd"
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.from = from
            self.username = username
            self.password = password
            self.heloName = heloName
        }
    }

    /// Nil: e-mail targets wait (and say why) until a server is configured.
    public var smtp: SMTP?
    /// PEM files of certificates trusted beside the system's, for webhooks and the SMTP server.
    public var extraTrustRoots: [String]
    /// The first wait after a failure; each further failure doubles it, up to `maxRetryDelay`.
    public var firstRetryDelay: Duration
    public var maxRetryDelay: Duration
    /// How long one delivery may take: connecting, sending and the receiver's answer.
    public var deliveryTimeout: Duration
    /// How often the notifier looks for due work when no write wakes it.
    public var pollInterval: Duration

    public init(
        smtp: SMTP? = nil,
        extraTrustRoots: [String] = [],
        firstRetryDelay: Duration = .seconds(5),
        maxRetryDelay: Duration = .seconds(900),
        deliveryTimeout: Duration = .seconds(20),
        pollInterval: Duration = .seconds(5)
    ) {
        self.smtp = smtp
        self.extraTrustRoots = extraTrustRoots
        self.firstRetryDelay = firstRetryDelay
        self.maxRetryDelay = maxRetryDelay
        self.deliveryTimeout = deliveryTimeout
        self.pollInterval = pollInterval
    }

    /// How receivers and the SMTP server are checked: TLS 1.2 or later, their certificates verified
    /// against the system's roots and `extraTrustRoots`.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.additionalTrustRoots = self.extraTrustRoots.map { .file($0) }
        return tls
    }

    /// The wait before attempt `failures + 1`: doubling from the first delay, capped, with up to
    /// a fifth taken off at random so that receivers coming back are not hit all at once.
    public func retryDelay(afterFailures failures: Int, jitter: Double = Double.random(in: 0...1)) -> Duration {
        let doublings = min(max(failures - 1, 0), 30)
        let delay = min(self.firstRetryDelay * (1 << doublings), self.maxRetryDelay)
        return delay * (1 - 0.2 * jitter)
    }
}
