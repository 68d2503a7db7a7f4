/// Puts a certificate on the deny-list where the exchange keeps its accounts, at once: later
/// requests and handshakes are refused and its open connections are closed.
public protocol CertificateRevoker: Sendable {
    func revoke(fingerprint: String) throws
}
