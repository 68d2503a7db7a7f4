import Foundation

/// The client certificate (PEM) and its private key (PEM) that identify an account to the exchange.
public struct ClientIdentity: Sendable {
    public var certificatePEM: String
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }

    /// Reads `cert.pem` and `key.pem` from an identity folder, as the sandbox manifest lays them out.
    public static func loading(fromDirectory directory: URL) throws -> ClientIdentity {
        ClientIdentity(
            certificatePEM: try String(contentsOf: directory.appendingPathComponent("cert.pem"), encoding: .utf8),
            privateKeyPEM: try String(contentsOf: directory.appendingPathComponent("key.pem"), encoding: .utf8)
        )
    }
}
