import Foundation
import LicitExchange
import LicitPKI
import LicitServerCore
import X509

/// Certificates made at test time: never committed, never expired.
public struct TestPKI: Sendable {
    public let authority: CertificateAuthority
    public let server: IssuedIdentity

    public init() throws {
        self.authority = try CertificateAuthority.make(name: "Licit Test CA")
        self.server = try self.authority.issueServerCertificate(
            commonName: "licitd-test",
            dnsNames: ["localhost"],
            ipAddresses: ["127.0.0.1", "::1"]
        )
    }

    public var authorityPEM: String {
        get throws { try self.authority.identity.certificatePEM }
    }

    /// A client identity issued by this CA and the account it is registered to.
    public func makeAccount(
        _ name: String,
        role: Role = .signer,
        country: String = "FR",
        authority: String? = nil,
        notBefore: Date = Date().addingTimeInterval(-3600),
        // Ten years: tests move the exchange's clock by months, and a connection closes when its
        // certificate expires on that clock.
        notAfter: Date = Date().addingTimeInterval(10 * 365 * 86400)
    ) throws -> (identity: IssuedIdentity, account: Account) {
        let identity = try self.authority.issueClientCertificate(
            commonName: name,
            notBefore: notBefore,
            notAfter: notAfter
        )
        let authority = role == .boardAdmin || role == .boardObserver ? "BOARD" : (authority ?? "\(country)-CNA")
        let account = Account(
            name: name,
            country: role == .boardAdmin || role == .boardObserver ? "" : country,
            authority: authority,
            role: role,
            certificateFingerprint: try identity.fingerprint.hex
        )
        return (identity, account)
    }
}
