import Logging
import NIOCore

/// Cuts off a peer that stops reading (the outbound queue stays above its high-water mark for
/// `stallTimeout`) or that sends nothing at all for `idleTimeout`, and tells the connection's
/// writers when they may write again. Installed next to the socket, below TLS.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let stallTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private let gate: WritabilityGate
    private var stall: Scheduled<Void>?
    private var idle: Scheduled<Void>?
    private var lastRead = NIODeadline.now()

    init(stallTimeout: TimeAmount, idleTimeout: TimeAmount, gate: WritabilityGate, logger: Logger) {
        self.stallTimeout = stallTimeout
        self.idleTimeout = idleTimeout
        self.gate = gate
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.armIdle(at: self.lastRead + self.idleTimeout, context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.lastRead = .now()
        context.fireChannelRead(data)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.gate.writabilityChanged(context.channel.isWritable)
        if context.channel.isWritable {
            self.stall?.cancel()
            self.stall = nil
        } else if self.stall == nil {
            let logger = self.logger
            self.stall = context.eventLoop.assumeIsolated().scheduleTask(in: self.stallTimeout) {
                logger.notice("peer stopped reading; closing the connection")
                context.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.gate.closed()
        self.stall?.cancel()
        self.idle?.cancel()
        context.fireChannelInactive()
    }

    /// One timer per idle period rather than one per read: when it fires early it re-arms
    /// for the time left since the last read.
    private func armIdle(at deadline: NIODeadline, context: ChannelHandlerContext) {
        self.idle = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            let expiry = self.lastRead + self.idleTimeout
            if expiry <= .now() {
                self.logger.info("connection idle; closing")
                context.close(promise: nil)
            } else {
                self.armIdle(at: expiry, context: context)
            }
        }
    }
}
