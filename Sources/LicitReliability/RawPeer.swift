import Foundation
import LicitWire
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A deliberately unhelpful peer: sends exactly the bytes it is told to, over TLS with a
/// sandbox identity or over plain TCP, and records what comes back and when it was closed.
final class RawPeer: Sendable {
    let channel: any Channel
    private let recorder: Recorder

    /// Connects to `host`:`port`; with `identity` nil and `ca` nil, over plain TCP.
    static func connect(
        host: String,
        port: Int,
        ca: String?,
        identity: String?
    ) async throws -> RawPeer {
        let recorder = Recorder()
        let context = try ca.map { ca in
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv13
            tls.trustRoots = .file(ca)
            tls.certificateVerification = .noHostnameVerification
            tls.applicationProtocols = [FrameLimits.alpnProtocol]
            if let identity {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile("\(identity)/cert.pem").map {
                    .certificate($0)
                }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: "\(identity)/key.pem", format: .pem))
            }
            return try NIOSSLContext(configuration: tls)
        }
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: context, serverHostname: nil)
                        )
                    }
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(recorder: recorder))
                }
            }
            .connect(host: host, port: port).get()
        return RawPeer(channel: channel, recorder: recorder)
    }

    private init(channel: any Channel, recorder: Recorder) {
        self.channel = channel
        self.recorder = recorder
    }

    func send(_ bytes: [UInt8]) async throws {
        try await self.channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    func send(_ frame: Licit_V1_Frame) async throws {
        var buffer = ByteBuffer()
        try FrameEncoder.write(frame, into: &buffer)
        try await self.send(Array(buffer.readableBytesView))
    }

    /// Waits up to `timeout` for the exchange to close the connection; the time it took, or nil.
    func waitForClose(timeout: Duration) async -> Duration? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < timeout {
            if self.recorder.closed { return ContinuousClock.now - started }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// The frames received so far (a trailing partial frame is left out).
    var receivedFrames: [Licit_V1_Frame] {
        var bytes = self.recorder.bytes[...]
        var frames: [Licit_V1_Frame] = []
        while bytes.count >= 4 {
            let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            guard bytes.count >= 4 + length else { break }
            let body = bytes.dropFirst(4).prefix(length)
            guard let frame = try? Licit_V1_Frame(serializedBytes: Array(body)) else { break }
            frames.append(frame)
            bytes = bytes.dropFirst(4 + length)
        }
        return frames
    }

    var isClosed: Bool { self.recorder.closed }

    func close() async {
        try? await self.channel.close().get()
    }

    /// A hello frame for call 1, as a client opens every connection.
    static var hello: Licit_V1_Frame {
        .request(
            callID: 1,
            method: LicitMethod.hello,
            payload: (try? Licit_V1_HelloRequest.with {
                $0.protocolVersion = FrameLimits.protocolVersion
                $0.clientName = "licit-reliability raw peer"
            }.serializedData()) ?? Data()
        )
    }
}

private final class Recorder: Sendable {
    private let state = Mutex<(bytes: [UInt8], closed: Bool)>(([], false))
    func append(_ buffer: ByteBuffer) { self.state.withLock { $0.bytes += buffer.readableBytesView } }
    func markClosed() { self.state.withLock { $0.closed = true } }
    var bytes: [UInt8] { self.state.withLock { $0.bytes } }
    var closed: Bool { self.state.withLock { $0.closed } }
}

private final class RecordingHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let recorder: Recorder

    init(recorder: Recorder) { self.recorder = recorder }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.recorder.append(Self.unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.recorder.markClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
