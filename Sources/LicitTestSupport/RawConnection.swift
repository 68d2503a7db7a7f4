import Foundation
import LicitPKI
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A deliberately unhelpful peer for hostile-input tests: sends exactly the bytes it is told to,
/// over TLS (with any identity and TLS version) or plain TCP, and records what comes back.
public final class RawConnection: Sendable {
    public let channel: any Channel
    private let recorder: Recorder

    public struct TLSOptions: Sendable {
        public var identity: IssuedIdentity?
        public var trustedAuthority: CertificateAuthority
        public var maximumVersion: TLSVersion = .tlsv13
        public var minimumVersion: TLSVersion = .tlsv12
        public var alpn: [String] = [FrameLimits.alpnProtocol]

        public init(identity: IssuedIdentity?, trustedAuthority: CertificateAuthority) {
            self.identity = identity
            self.trustedAuthority = trustedAuthority
        }
    }

    /// Connects to 127.0.0.1:`port`; with `tls` nil, over plain TCP.
    public static func connect(port: Int, tls: TLSOptions?) async throws -> RawConnection {
        let recorder = Recorder()
        let context = try tls.map(Self.makeContext)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: "localhost")
                        )
                    }
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(recorder: recorder))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        return RawConnection(channel: channel, recorder: recorder)
    }

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.recorder = recorder
    }

    public func send(_ bytes: [UInt8]) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    public func send(_ frame: Licit_V1_Frame) async throws {
        var buffer = ByteBuffer()
        try FrameEncoder.write(frame, into: &buffer)
        try await self.channel.writeAndFlush(buffer)
    }

    /// Waits until the peer closes the connection (or `timeout` passes); returns whether it closed.
    public func waitForClose(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !self.channel.isActive { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !self.channel.isActive
    }

    /// The frames received so far (a trailing partial frame is ignored).
    public var receivedFrames: [Licit_V1_Frame] {
        var buffer = self.recorder.bytes
        var frames: [Licit_V1_Frame] = []
        while let frame = try? FrameDecoder().nextFrame(from: &buffer) { frames.append(frame) }
        return frames
    }

    /// The first error the connection saw (a TLS alert, for example).
    public var error: (any Error)? { self.recorder.error }

    public func close() async {
        try? await self.channel.close()
    }

    private static func makeContext(_ options: TLSOptions) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = options.minimumVersion
        tls.maximumTLSVersion = options.maximumVersion
        tls.trustRoots = .certificates([
            try NIOSSLCertificate(bytes: try options.trustedAuthority.certificate.derBytes, format: .der)
        ])
        tls.applicationProtocols = options.alpn
        if let identity = options.identity {
            tls.certificateChain = [.certificate(try NIOSSLCertificate(bytes: try identity.derEncoded, format: .der))]
            tls.privateKey = .privateKey(
                try NIOSSLPrivateKey(bytes: Array(try identity.privateKeyPEM.utf8), format: .pem)
            )
        }
        return try NIOSSLContext(configuration: tls)
    }
}

final class Recorder: Sendable {
    private let state = Mutex<(bytes: ByteBuffer, error: (any Error)?)>((ByteBuffer(), nil))

    var bytes: ByteBuffer { self.state.withLock { $0.bytes } }
    var error: (any Error)? { self.state.withLock { $0.error } }

    func received(_ buffer: ByteBuffer) {
        self.state.withLock { state in
            var buffer = buffer
            state.bytes.writeBuffer(&buffer)
        }
    }

    func failed(_ error: any Error) {
        self.state.withLock { $0.error = $0.error ?? error }
    }
}

final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let recorder: Recorder

    init(recorder: Recorder) {
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.recorder.received(Self.unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.recorder.failed(error)
        context.close(promise: nil)
    }
}
