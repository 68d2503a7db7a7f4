import Crypto
import Foundation
import SwiftASN1
import X509

/// The console's own HTTPS certificate on a sandbox: self-signed, made on first start and kept beside
/// the sandbox, so a trainer can tell browsers to trust it once (`DIR/console/cert.pem`).
enum ConsoleCertificate {
    /// The PEM certificate and key in `folder`, made there first if missing.
    static func loadOrMake(in folder: URL, hostname: String) throws -> (certificate: String, key: String) {
        let certificateFile = folder.appendingPathComponent("cert.pem")
        let keyFile = folder.appendingPathComponent("key.pem")
        if let certificate = try? String(contentsOf: certificateFile, encoding: .utf8),
            let key = try? String(contentsOf: keyFile, encoding: .utf8)
        {
            return (certificate, key)
        }
        let (certificate, key) = try Self.make(hostname: hostname)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(key.utf8).write(to: keyFile, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile.path)
        try Data(certificate.utf8).write(to: certificateFile, options: .atomic)
        return (certificate, key)
    }

    /// A self-signed P-256 server certificate for `hostname`, localhost and the loopback addresses.
    static func make(hostname: String) throws -> (certificate: String, key: String) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Licit")
            CommonName("licit-console")
        }
        var names: [GeneralName] = [.dnsName("localhost")]
        for address in ["127.0.0.1", hostname] {
            let parts = address.split(separator: ".").compactMap { UInt8($0) }
            if parts.count == 4 {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(parts))))
            } else if address != "localhost", !address.contains(":") {
                names.append(.dnsName(address))
            }
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600),
            notValidAfter: Date().addingTimeInterval(825 * 86400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(key)
        )
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }
}
