import Foundation
import LicitWire
import NIOCore
import NIOPosix
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

extension TLS {
    /// Opens a TLS connection to 127.0.0.1:`port` whose frames, split but not decoded, go to
    /// `handlers` in order.
    static func connect(
        port: Int,
        context: NIOSSLContext,
        group: any EventLoopGroup,
        handlers: [any ChannelHandler & Sendable]
    ) async throws -> any Channel {
        try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(30))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        try NIOSSLClientHandler(context: context, serverHostname: "localhost")
                    )
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(RawFrameDecoder()))
                    for handler in handlers { try channel.pipeline.syncOperations.addHandler(handler) }
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
    }
}
