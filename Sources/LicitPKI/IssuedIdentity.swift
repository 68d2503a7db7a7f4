import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate and its private key, as issued by a ``CertificateAuthority``.
public struct IssuedIdentity: Sendable {
    public let certificate: Certificate
    public let privateKey: Certificate.PrivateKey

    public init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    public var certificatePEM: String {
        get throws { try self.certificate.serializeAsPEM().pemString }
    }

    public var privateKeyPEM: String {
        get throws { try self.privateKey.serializeAsPEM().pemString }
    }

    public var derEncoded: [UInt8] {
        get throws { try self.certificate.derBytes }
    }

    public var fingerprint: CertificateFingerprint {
        get throws { CertificateFingerprint(derEncoded: try self.derEncoded) }
    }

    /// Writes `cert.pem` and `key.pem` (mode 0600) into `directory`, creating it.
    public func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(try self.certificatePEM.utf8).write(to: directory.appendingPathComponent("cert.pem"))
        let keyURL = directory.appendingPathComponent("key.pem")
        try Data(try self.privateKeyPEM.utf8).write(to: keyURL)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyURL.path)
    }

    /// Reads `cert.pem` and `key.pem` from `directory`.
    public static func read(from directory: URL) throws -> IssuedIdentity {
        let certificatePEM = try String(contentsOf: directory.appendingPathComponent("cert.pem"), encoding: .utf8)
        let keyPEM = try String(contentsOf: directory.appendingPathComponent("key.pem"), encoding: .utf8)
        return IssuedIdentity(
            certificate: try Certificate(pemEncoded: certificatePEM),
            privateKey: try Certificate.PrivateKey(pemEncoded: keyPEM)
        )
    }
}
