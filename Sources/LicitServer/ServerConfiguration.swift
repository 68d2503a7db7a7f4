import LicitPKI
import LicitServerCore
import LicitWire
import NIOCore
import NIOSSL
import X509

/// Everything an ``ExchangeServer`` needs to listen.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 lets the system choose; read the chosen port from ``ExchangeServer/localAddress``.
    public var port: Int
    /// The exchange's CA: the only issuer of client certificates accepted.
    public var authority: Certificate
    /// The server's own certificate and key, issued by `authority`.
    public var serverIdentity: IssuedIdentity
    public var limits: ServerLimits
    public var serverName: String
    /// CAs trusted besides `authority` (a CA rollover's old one): their client certificates are
    /// accepted too.
    public var alsoTrusted: [Certificate]
    /// A sandbox's deliberate misbehaviour; `nil` (always, outside a sandbox) for none.
    public var faults: (any CallFaults)?

    public init(
        host: String = "127.0.0.1",
        port: Int = 7443,
        authority: Certificate,
        serverIdentity: IssuedIdentity,
        limits: ServerLimits = .defaults,
        serverName: String = "licitd",
        alsoTrusted: [Certificate] = []
    ) {
        self.alsoTrusted = alsoTrusted
        self.host = host
        self.port = port
        self.authority = authority
        self.serverIdentity = serverIdentity
        self.limits = limits
        self.serverName = serverName
    }

    /// TLS 1.3 only, ALPN `licit/1`, a client certificate required. Chain verification is
    /// replaced by ``ClientCertificateVerifier`` in the handshake callback.
    func makeTLSContext(serving identity: IssuedIdentity? = nil) throws -> NIOSSLContext {
        let identity = identity ?? self.serverIdentity
        let certificate = try NIOSSLCertificate(bytes: try identity.derEncoded, format: .der)
        let key = try NIOSSLPrivateKey(bytes: Array(try identity.privateKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)],
            privateKey: .privateKey(key)
        )
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.certificateVerification = .noHostnameVerification
        tls.trustRoots = .certificates(
            try ([self.authority] + self.alsoTrusted).map {
                try NIOSSLCertificate(bytes: try $0.derBytes, format: .der)
            }
        )
        tls.applicationProtocols = [FrameLimits.alpnProtocol]
        return try NIOSSLContext(configuration: tls)
    }
}
