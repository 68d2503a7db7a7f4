import Foundation
import LicitWire
import NIOSSL

/// TLS set up exactly as licitd and its SDK do: TLS 1.3 only, ALPN licit/1, mutual certificates.
enum TLS {
    static func serverContext(certificate: String, key: String, ca: String) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        )
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.certificateVerification = .noHostnameVerification
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
        tls.applicationProtocols = [FrameLimits.alpnProtocol]
        return try NIOSSLContext(configuration: tls)
    }

    static func clientContext(identity: String, ca: String) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv13
        tls.maximumTLSVersion = .tlsv13
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
        tls.certificateChain = try NIOSSLCertificate.fromPEMFile(identity + "/cert.pem").map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: identity + "/key.pem", format: .pem))
        tls.applicationProtocols = [FrameLimits.alpnProtocol]
        return try NIOSSLContext(configuration: tls)
    }
}
