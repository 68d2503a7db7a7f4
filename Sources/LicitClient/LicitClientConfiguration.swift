import Foundation
import LicitWire

/// Where and as whom a ``LicitClient`` connects, and how patiently.
public struct LicitClientConfiguration: Sendable {
    /// The first daemon tried. A DNS name with several addresses is tried address by address.
    public var host: String
    public var port: Int
    /// Other daemons of the same exchange: after a failed connection, a lost one or a GoAway the
    /// client connects to the next endpoint in turn (an indeterminate write may be retried on any
    /// of them with the same request id: it is applied once).
    public var otherEndpoints: [Endpoint] = []
    /// The name the server certificate must carry; defaults to `host`.
    public var serverHostname: String?
    public var identity: ClientIdentity
    /// The exchange's CA certificate (PEM): the only root trusted for the server.
    public var trustedAuthorityPEM: String
    /// Requests whose frame would exceed this are refused before sending. Lowered to the
    /// server's own limit after hello.
    public var maxFrameBytes: Int
    /// Deadline of a call that gives none.
    public var defaultTimeout: Duration
    public var connectTimeout: Duration
    /// A ping is sent after this long without writing, keeping the connection past the
    /// server's idle timeout.
    public var keepaliveInterval: Duration
    /// First and longest wait between reconnection attempts (doubling in between, with jitter).
    public var reconnectBackoff: (initial: Duration, maximum: Duration)
    /// Seeds the reconnection jitter, so that a test or a simulation replays the same waits;
    /// nil draws it from the system's generator.
    public var jitterSeed: UInt64?
    public var clientName: String

    public init(
        host: String,
        port: Int,
        identity: ClientIdentity,
        trustedAuthorityPEM: String,
        serverHostname: String? = nil
    ) {
        self.host = host
        self.port = port
        self.identity = identity
        self.trustedAuthorityPEM = trustedAuthorityPEM
        self.serverHostname = serverHostname
        self.maxFrameBytes = FrameLimits.defaultMaxFrameBytes
        self.defaultTimeout = .seconds(30)
        self.connectTimeout = .seconds(10)
        self.keepaliveInterval = .seconds(30)
        self.reconnectBackoff = (.milliseconds(100), .seconds(10))
        self.clientName = "licit-swift/0.1"
    }
}

extension LicitClientConfiguration {
    /// A daemon's address.
    public struct Endpoint: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String {
            self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
        }
    }

    /// Every endpoint, the first one first.
    public var endpoints: [Endpoint] { [Endpoint(host: self.host, port: self.port)] + self.otherEndpoints }
}
