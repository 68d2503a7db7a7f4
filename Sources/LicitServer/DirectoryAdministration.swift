import LicitExchange
import LicitModel
import LicitPKI
import LicitServerCore
import Synchronization
import X509

/// Administers an ``InMemoryAccountDirectory``: each change is persisted first (the accounts file),
/// then applied; a revoked certificate's connections are closed on the server attached once it exists.
public final class DirectoryAdministration: AccountAdministration {
    /// Where changes are made durable; throwing aborts the change.
    public struct Persistence: Sendable {
        public var revoke: @Sendable (String) throws -> Void
        public var register: @Sendable (Account) throws -> Void
        /// Clears the pending flag of the account with this certificate fingerprint.
        public var approve: @Sendable (String) throws -> Void

        public init(
            revoke: @escaping @Sendable (String) throws -> Void,
            register: @escaping @Sendable (Account) throws -> Void,
            approve: @escaping @Sendable (String) throws -> Void
        ) {
            self.revoke = revoke
            self.register = register
            self.approve = approve
        }

        /// Nothing beyond the directory itself (tests).
        public static let none = Persistence(revoke: { _ in }, register: { _ in }, approve: { _ in })
    }

    private let directory: InMemoryAccountDirectory
    private let authority: CertificateAuthority?
    private let persistence: Persistence
    private let server = Mutex<ExchangeServer?>(nil)

    /// - Parameter authority: the CA that issues client certificates; without it enrolment is refused.
    public init(directory: InMemoryAccountDirectory, authority: CertificateAuthority?, persistence: Persistence) {
        self.directory = directory
        self.authority = authority
        self.persistence = persistence
    }

    public func attach(_ server: ExchangeServer) {
        self.server.withLock { $0 = server }
    }

    public func revoke(fingerprint: String) throws {
        try self.persistence.revoke(fingerprint)
        self.directory.revoke(fingerprint: fingerprint)
        self.server.withLock { $0 }?.closeConnections(ofFingerprint: fingerprint)
    }

    public func approve(fingerprint: String) throws -> Account {
        guard self.directory.account(forFingerprint: fingerprint) != nil else {
            throw ExchangeError("account_not_found", "no account has the certificate \(fingerprint)")
        }
        try self.persistence.approve(fingerprint)
        return self.directory.approve(fingerprint: fingerprint)!
    }

    public func enroll(_ account: Account, request: [UInt8]) throws -> (account: Account, certificatePEM: String) {
        guard let authority else {
            throw ExchangeError(
                "enrolment_unavailable",
                "this exchange has no CA key on line: its operator issues certificates"
            )
        }
        let certificate: IssuedCertificate
        do {
            let issued = try authority.issueClientCertificate(request: request, commonName: account.name)
            certificate = IssuedCertificate(
                pem: try issued.serializeAsPEM().pemString,
                fingerprint: CertificateFingerprint(derEncoded: try issued.derBytes).hex
            )
        } catch let error as CertificateIssueError {
            throw ExchangeError("invalid_certificate_request", error.message, cause: error)
        }
        var registered = account
        registered.certificateFingerprint = certificate.fingerprint
        try self.persistence.register(registered)
        self.directory.register(registered)
        return (registered, certificate.pem)
    }

    private struct IssuedCertificate {
        let pem: String
        let fingerprint: String
    }
}
