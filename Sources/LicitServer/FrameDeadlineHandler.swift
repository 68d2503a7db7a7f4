import NIOCore

/// Closes a connection whose frame takes longer than `timeout` from its first byte to its last.
///
/// An idle timer resets on every byte, so a peer sending one byte a second would hold a
/// connection forever; this deadline is absolute per frame. It only tracks frame boundaries
/// (4-byte big-endian length, then that many bytes); ``FrameDecoder`` validates the frames.
final class FrameDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    struct FrameTimedOut: Error {}

    private let timeout: TimeAmount
    private var headerBytesSeen = 0
    private var header: UInt32 = 0
    private var bodyBytesRemaining = 0
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = Self.unwrapInboundIn(data)
        self.track(buffer.readableBytesView, context: context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        context.fireChannelInactive()
    }

    private func track(_ bytes: ByteBufferView, context: ChannelHandlerContext) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if self.bodyBytesRemaining > 0 {
                let taken = min(self.bodyBytesRemaining, bytes.endIndex - index)
                self.bodyBytesRemaining -= taken
                index += taken
                if self.bodyBytesRemaining == 0 { self.frameEnded() }
                continue
            }
            if self.headerBytesSeen == 0 { self.frameStarted(context: context) }
            self.header = self.header << 8 | UInt32(bytes[index])
            self.headerBytesSeen += 1
            index += 1
            if self.headerBytesSeen == 4 {
                self.bodyBytesRemaining = Int(self.header)
                self.headerBytesSeen = 0
                self.header = 0
                if self.bodyBytesRemaining == 0 { self.frameEnded() }
            }
        }
    }

    private func frameStarted(context: ChannelHandlerContext) {
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: self.timeout) {
            context.fireErrorCaught(FrameTimedOut())
            context.close(promise: nil)
        }
    }

    private func frameEnded() {
        self.deadline?.cancel()
        self.deadline = nil
    }
}
