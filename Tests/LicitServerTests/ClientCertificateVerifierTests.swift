import Foundation
import LicitPKI
import Testing

/// A client that reconnects is not verified from scratch, but what made it trusted still holds.
@Suite("Client certificates verified once")
struct ClientCertificateVerifierTests {
    @Test("a leaf seen before is judged again on its dates; a stranger's or an altered one stays refused")
    func remembered() throws {
        let authority = try CertificateAuthority.make(name: "Licit CA")
        let stranger = try CertificateAuthority.make(name: "Someone else's CA")
        let verifier = ClientCertificateVerifier(authority: authority.identity.certificate)
        let leaf = try authority.issueClientCertificate(commonName: "fr-signer").derEncoded
        let now = Date()

        let first = try verifier.verify(chain: [leaf], at: now).get()
        let again = try verifier.verify(chain: [leaf], at: now).get()
        #expect(first == again && first.fingerprint == CertificateFingerprint(derEncoded: leaf))
        #expect(Self.reason(verifier.verify(chain: [leaf], at: first.notValidAfter + 1)) == "certificate_expired")
        #expect(Self.reason(verifier.verify(chain: [leaf], at: now - 86_400)) == "certificate_not_yet_valid")

        let foreign = try stranger.issueClientCertificate(commonName: "fr-signer").derEncoded
        for _ in 0..<2 { #expect(Self.reason(verifier.verify(chain: [foreign], at: now)) == "unknown_issuer") }
        var altered = leaf
        altered[altered.count - 10] ^= 0x01  // inside the CA's signature
        #expect(Self.reason(verifier.verify(chain: [altered], at: now)) != nil)

        // A server's certificate (no clientAuth) is refused however often it is shown.
        let server = try authority.issueServerCertificate(
            commonName: "licitd",
            dnsNames: ["localhost"],
            ipAddresses: []
        )
        let serverLeaf = try server.derEncoded
        for _ in 0..<2 {
            #expect(Self.reason(verifier.verify(chain: [serverLeaf], at: now)) == "not_a_client_certificate")
        }
    }

    static func reason(_ result: Result<ClientCertificateVerifier.Verified, CertificateRejection>) -> String? {
        if case .failure(let rejection) = result { return rejection.reason }
        return nil
    }
}
