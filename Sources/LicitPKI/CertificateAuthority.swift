import Crypto
import Foundation
import SwiftASN1
import X509

/// The exchange's own certificate authority: the only issuer of the client certificates it accepts.
public struct CertificateAuthority: Sendable {
    public let identity: IssuedIdentity

    public var certificate: Certificate { self.identity.certificate }

    public init(identity: IssuedIdentity) {
        self.identity = identity
    }

    /// Makes a new self-signed CA with a fresh P-256 key.
    public static func make(
        name: String,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(10 * 365 * 86400)
    ) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("Licit")
            CommonName(name)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: .init(key)
        )
        return CertificateAuthority(identity: IssuedIdentity(certificate: certificate, privateKey: .init(key)))
    }

    /// A server certificate for the given DNS names and IP addresses (dotted IPv4 or IPv6 text).
    public func issueServerCertificate(
        commonName: String,
        dnsNames: [String],
        ipAddresses: [String],
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(825 * 86400)
    ) throws -> IssuedIdentity {
        var names = dnsNames.map { GeneralName.dnsName($0) }
        for address in ipAddresses {
            guard let bytes = IPAddressBytes.parse(address) else {
                throw CertificateIssueError(message: "not an IP address: \(address)")
            }
            names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes))))
        }
        return try self.issue(
            commonName: commonName,
            notBefore: notBefore,
            notAfter: notAfter,
            usage: .serverAuth,
            alternativeNames: SubjectAlternativeNames(names)
        )
    }

    /// A client certificate; the exchange maps it to an account by its fingerprint.
    public func issueClientCertificate(
        commonName: String,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(397 * 86400)
    ) throws -> IssuedIdentity {
        try self.issue(commonName: commonName, notBefore: notBefore, notAfter: notAfter, usage: .clientAuth)
    }

    /// A client certificate for the key in a PKCS #10 request (DER), whose signature proves that
    /// its holder has the private key; the key never leaves the holder.
    public func issueClientCertificate(
        request der: [UInt8],
        commonName: String,
        notBefore: Date = Date().addingTimeInterval(-3600),
        notAfter: Date = Date().addingTimeInterval(397 * 86400)
    ) throws -> Certificate {
        let request: CertificateSigningRequest
        do {
            request = try CertificateSigningRequest(derEncoded: der)
        } catch {
            throw CertificateIssueError(message: "not a PKCS #10 certificate signing request")
        }
        guard request.publicKey.isValidSignature(request.signature, for: request) else {
            throw CertificateIssueError(message: "the request's signature does not match its public key")
        }
        return try self.certificate(
            commonName: commonName,
            publicKey: request.publicKey,
            notBefore: notBefore,
            notAfter: notAfter,
            usage: .clientAuth
        )
    }

    private func issue(
        commonName: String,
        notBefore: Date,
        notAfter: Date,
        usage: ExtendedKeyUsage.Usage,
        alternativeNames: SubjectAlternativeNames? = nil
    ) throws -> IssuedIdentity {
        let key = P256.Signing.PrivateKey()
        let certificate = try self.certificate(
            commonName: commonName,
            publicKey: .init(key.publicKey),
            notBefore: notBefore,
            notAfter: notAfter,
            usage: usage,
            alternativeNames: alternativeNames
        )
        return IssuedIdentity(certificate: certificate, privateKey: .init(key))
    }

    private func certificate(
        commonName: String,
        publicKey: Certificate.PublicKey,
        notBefore: Date,
        notAfter: Date,
        usage: ExtendedKeyUsage.Usage,
        alternativeNames: SubjectAlternativeNames? = nil
    ) throws -> Certificate {
        var extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([usage])
        }
        if let alternativeNames {
            try extensions.append(Certificate.Extension(alternativeNames, critical: false))
        }
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: self.certificate.subject,
            subject: try DistinguishedName {
                OrganizationName("Licit")
                CommonName(commonName)
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: self.identity.privateKey
        )
    }
}

public struct CertificateIssueError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { self.message }
}
