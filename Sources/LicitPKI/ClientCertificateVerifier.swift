import Foundation
import SwiftASN1
import Synchronization
import X509

/// Why a client certificate was refused. `reason` is stable and machine-readable.
public struct CertificateRejection: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public let message: String

    public init(reason: String, message: String) {
        self.reason = reason
        self.message = message
    }

    public static let missing = CertificateRejection(
        reason: "no_client_certificate",
        message: "no client certificate was presented"
    )
    static let malformed = CertificateRejection(
        reason: "malformed_certificate",
        message: "the client certificate is not valid DER"
    )
    static let foreignIssuer = CertificateRejection(
        reason: "unknown_issuer",
        message: "the client certificate was not issued by this exchange's CA"
    )
    static let notClientCertificate = CertificateRejection(
        reason: "not_a_client_certificate",
        message: "the certificate is a CA certificate or lacks the clientAuth extended key usage"
    )

    static func expired(_ notAfter: Date) -> CertificateRejection {
        CertificateRejection(reason: "certificate_expired", message: "the client certificate expired at \(notAfter)")
    }

    static func notYetValid(_ notBefore: Date) -> CertificateRejection {
        CertificateRejection(
            reason: "certificate_not_yet_valid",
            message: "the client certificate is valid from \(notBefore)"
        )
    }

    public var description: String { "\(self.reason): \(self.message)" }
}

/// Verifies a client's certificate against the exchange's CA alone, on the exchange's clock.
///
/// Only a leaf signed directly by the CA is accepted; intermediates are not part of Licit's PKI.
/// Validity is decided with the time passed in, so tests and the sandbox clock control it.
public struct ClientCertificateVerifier: Sendable {
    /// The CAs whose leaves are accepted: the exchange's, and during a rollover the old one too.
    public let authorities: [Certificate]
    /// Leaves already found signed by one of `authorities` and made for clients.
    private let trusted = TrustedLeaves()

    public init(authority: Certificate) {
        self.authorities = [authority]
    }

    public init(authorities: [Certificate]) {
        self.authorities = authorities
    }

    /// A verified leaf: its fingerprint and the end of its validity.
    public struct Verified: Sendable, Hashable {
        public let fingerprint: CertificateFingerprint
        public let notValidAfter: Date
    }

    /// Returns the verified leaf, the first element of `chain`.
    public func verify(chain: [[UInt8]], at now: Date) -> Result<Verified, CertificateRejection> {
        guard let leafBytes = chain.first else { return .failure(.missing) }
        // A client that reconnects is neither parsed nor its CA's signature checked again; its
        // validity is, against the time given.
        if let known = self.trusted[leafBytes] { return Self.valid(known, at: now) }
        guard let leaf = try? Certificate(derEncoded: leafBytes) else { return .failure(.malformed) }
        guard
            self.authorities.contains(where: { authority in
                leaf.issuer == authority.subject && authority.publicKey.isValidSignature(leaf.signature, for: leaf)
            })
        else { return .failure(.foreignIssuer) }
        let trusted = TrustedLeaves.Leaf(
            fingerprint: CertificateFingerprint(derEncoded: leafBytes),
            notValidBefore: leaf.notValidBefore,
            notValidAfter: leaf.notValidAfter
        )
        // Its dates are judged before its purpose, as for a leaf seen before.
        let verdict = Self.valid(trusted, at: now)
        guard case .success = verdict else { return verdict }
        guard Self.isClientCertificate(leaf) else { return .failure(.notClientCertificate) }
        self.trusted[leafBytes] = trusted
        return verdict
    }

    private static func valid(_ leaf: TrustedLeaves.Leaf, at now: Date) -> Result<Verified, CertificateRejection> {
        guard now >= leaf.notValidBefore else { return .failure(.notYetValid(leaf.notValidBefore)) }
        guard now <= leaf.notValidAfter else { return .failure(.expired(leaf.notValidAfter)) }
        return .success(Verified(fingerprint: leaf.fingerprint, notValidAfter: leaf.notValidAfter))
    }

    private static func isClientCertificate(_ leaf: Certificate) -> Bool {
        if let constraints = try? leaf.extensions.basicConstraints, constraints != .notCertificateAuthority {
            return false
        }
        guard let usage = try? leaf.extensions.extendedKeyUsage else { return false }
        return usage.contains(.clientAuth)
    }
}

/// Client certificates found signed by the verifier's authorities and made for clients, by their
/// DER bytes (what was signed cannot change). At most `capacity`; forgotten all at once beyond.
final class TrustedLeaves: Sendable {
    struct Leaf: Sendable {
        let fingerprint: CertificateFingerprint
        let notValidBefore: Date
        let notValidAfter: Date
    }

    static let capacity = 10_000
    private let leaves = Mutex<[[UInt8]: Leaf]>([:])

    subscript(der: [UInt8]) -> Leaf? {
        get { self.leaves.withLock { $0[der] } }
        set {
            self.leaves.withLock { leaves in
                if leaves.count >= Self.capacity { leaves.removeAll(keepingCapacity: true) }
                leaves[der] = newValue
            }
        }
    }
}
