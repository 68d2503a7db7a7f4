import Foundation
import LicitExchange
import LicitServerCore
import LicitWire
import Logging
import NIOCore

/// Splits the bytes read into frames (``FrameDecoder``) and feeds them to the connection's
/// ``ServerConnection`` on the event loop that read them — decoded here rather than by a handler
/// of its own, so that no frame is boxed to pass between two handlers.
///
/// Cheap calls are answered in place and their responses flushed once per read burst; calls
/// that run as tasks are handed to the connection's task through `calls`. Admission (the
/// per-certificate connection limit) happens when the handshake gate reports the account.
final class ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = Licit_V1_Frame

    /// Fired by ``HandshakeGate`` once the handshake succeeded for a registered account.
    struct PeerAuthenticated {
        let account: Account
        let certificateExpiry: Date
    }

    enum Admission {
        case admitted(ServerConnection, ConnectionControl)
        case refused(Licit_V1_Frame)
    }

    struct Closed: Error {}

    private let writer: FrameWriter
    private let admit: (PeerAuthenticated, any Channel) -> Admission
    private let admitted: EventLoopPromise<Admitted>
    private let calls: AsyncStream<ServerConnection.StartedCall>.Continuation
    private var connection: ServerConnection?
    private let decoder: FrameDecoder
    /// Bytes read but not yet a whole frame.
    private var received: ByteBuffer?
    /// Replies written in this read burst since the last flush: every `flushEvery` they leave at
    /// once, so that the client works on them while the rest of the burst is answered (flushing
    /// only when the read ended kept the two sides taking turns on pipelined calls).
    private var unflushed = 0
    static let flushEvery = 8

    struct Admitted: Sendable {
        let connection: ServerConnection
        let control: ConnectionControl
    }

    init(
        decoder: FrameDecoder,
        writer: FrameWriter,
        admit: @escaping (PeerAuthenticated, any Channel) -> Admission,
        admitted: EventLoopPromise<Admitted>,
        calls: AsyncStream<ServerConnection.StartedCall>.Continuation
    ) {
        self.decoder = decoder
        self.writer = writer
        self.admit = admit
        self.admitted = admitted
        self.calls = calls
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let authenticated = event as? PeerAuthenticated else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        switch self.admit(authenticated, context.channel) {
        case .admitted(let connection, let control):
            self.connection = connection
            self.admitted.succeed(Admitted(connection: connection, control: control))
        case .refused(let goAway):
            self.admitted.fail(Closed())
            self.writeAndClose(goAway, context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard self.connection != nil else { return }
        var bytes = Self.unwrapInboundIn(data)
        if self.received != nil {
            self.received!.writeBuffer(&bytes)
        } else {
            self.received = bytes
        }
        do {
            while let connection = self.connection, let frame = try self.decoder.nextFrame(from: &self.received!) {
                self.handle(frame, of: connection, context: context)
            }
        } catch {
            self.refuse(error, context: context)
        }
        if self.received?.readableBytes == 0 { self.received = nil }
    }

    private func handle(_ frame: Licit_V1_Frame, of connection: ServerConnection, context: ChannelHandlerContext) {
        switch connection.frameReceived(frame) {
        case .none:
            break
        case .reply(let frame):
            self.writer.append(frame)
            self.unflushed += 1
            if self.unflushed == Self.flushEvery {
                self.unflushed = 0
                context.flush()
            }
        case .start(let call):
            self.calls.yield(call)
        case .close(let goAway):
            self.writeAndClose(goAway, context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if self.unflushed > 0 {
            self.unflushed = 0
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.refuse(error, context: context)
    }

    /// A malformed frame is answered with a GoAway naming what was wrong; any other error closes.
    private func refuse(_ error: any Error, context: ChannelHandlerContext) {
        self.received = nil
        if let framing = error as? FrameCodecError {
            let goAway = Licit_V1_Frame.goAway(status: framing.wireStatus, lastCallID: self.connection?.lastCallID ?? 0)
            self.writeAndClose(goAway, context: context)
        } else {
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.calls.finish()
        self.admitted.fail(Closed())
        context.fireChannelInactive()
    }

    private func writeAndClose(_ frame: Licit_V1_Frame, context: ChannelHandlerContext) {
        self.connection = nil  // nothing more is read from a peer being closed
        context.writeAndFlush(Self.wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
