/// Changes to accounts and certificates, applied where the exchange keeps its accounts, at once.
public protocol AccountAdministration: Sendable {
    /// Puts a certificate on the deny-list: later requests and handshakes are refused and its
    /// open connections are closed.
    func revoke(fingerprint: String) throws

    /// Issues a client certificate for the key in `request` (a PKCS #10 request, DER) and registers
    /// `account` to it. Returns the account with its certificate's fingerprint, and the certificate in PEM.
    func enroll(_ account: Account, request: [UInt8]) throws -> (account: Account, certificatePEM: String)

    /// Lets the pending account with the certificate `fingerprint` open sessions; returns it approved.
    func approve(fingerprint: String) throws -> Account
}
