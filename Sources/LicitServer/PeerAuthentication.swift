import Foundation
import LicitExchange
import LicitPKI
import LicitServerCore
import Logging
import Metrics
import NIOCore
import NIOSSL

/// Decides, inside the TLS handshake, whether a client certificate belongs to a registered,
/// unrevoked account; remembers that account for the connection.
///
/// Confined to the connection's event loop: the verification callback and ``HandshakeGate``
/// both run there.
final class PeerAuthentication {
    private let verifier: ClientCertificateVerifier
    private let directory: any AccountDirectory
    private let clock: any ExchangeClock
    private let logger: Logger
    private(set) var account: Account?
    /// When the recognised account's certificate stops being valid.
    private(set) var certificateExpiry: Date?

    init(verifier: ClientCertificateVerifier, directory: any AccountDirectory, clock: any ExchangeClock, logger: Logger)
    {
        self.verifier = verifier
        self.directory = directory
        self.clock = clock
        self.logger = logger
    }

    /// The NIOSSL custom verification callback: replaces BoringSSL's chain verification.
    func verify(_ chain: [NIOSSLCertificate]) -> NIOSSLVerificationResult {
        let der = chain.compactMap { try? $0.toDERBytes() }
        switch self.verifier.verify(chain: der, at: self.clock.now) {
        case .failure(let rejection):
            return self.reject(rejection)
        case .success(let verified):
            let fingerprint = verified.fingerprint
            if self.directory.isRevoked(fingerprint: fingerprint.hex) {
                return self.reject(
                    CertificateRejection(
                        reason: "certificate_revoked",
                        message: "certificate \(fingerprint) has been revoked"
                    )
                )
            }
            guard let account = self.directory.account(forFingerprint: fingerprint.hex) else {
                return self.reject(
                    CertificateRejection(
                        reason: "unknown_certificate",
                        message: "certificate \(fingerprint) is not registered to any account"
                    )
                )
            }
            self.account = account
            self.certificateExpiry = verified.notValidAfter
            return .certificateVerified
        }
    }

    private func reject(_ rejection: CertificateRejection) -> NIOSSLVerificationResult {
        Counter(label: "licit_handshake_failures_total", dimensions: [("reason", rejection.reason)]).increment()
        self.logger.notice(
            "client certificate refused",
            metadata: ["reason": "\(rejection.reason)", "detail": "\(rejection.message)"]
        )
        return .failed
    }
}
