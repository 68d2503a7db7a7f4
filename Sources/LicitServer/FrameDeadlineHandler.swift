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
    /// When the frame being received began; nil between frames.
    private var frameStart: NIODeadline?
    /// The one check armed at a time (not one per frame: scheduling a task on every frame cost
    /// allocations on every call). When it fires it closes the connection if the frame then
    /// being received is over its time, and otherwise re-arms for that frame.
    private var check: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = Self.unwrapInboundIn(data)
        self.track(buffer.readableBytesView, context: context)
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.check?.cancel()
        self.check = nil
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
        let now = NIODeadline.now()
        self.frameStart = now
        if self.check == nil { self.arm(at: now + self.timeout, context: context) }
    }

    private func frameEnded() {
        self.frameStart = nil
    }

    private func arm(at deadline: NIODeadline, context: ChannelHandlerContext) {
        self.check = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.check = nil
            guard let started = self.frameStart else { return }
            let due = started + self.timeout
            guard due <= .now() else { return self.arm(at: due, context: context) }
            context.fireErrorCaught(FrameTimedOut())
            context.close(promise: nil)
        }
    }
}
