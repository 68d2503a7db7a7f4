import LicitWire
import NIOCore

/// Encodes the connection's outbound frames into one buffer that leaves on the next flush: the
/// frames answered within one turn of the event loop cost one buffer and one TLS write between
/// them, and once the TLS layer has taken the bytes the buffer is used again (no allocation per
/// frame, as an encoder writing one buffer per frame costs).
///
/// Frames come through the pipeline (a write, with its promise) or, from the connection's own
/// code on the event loop, through ``append(_:)`` and ``send(_:)``, which spare each frame the
/// pipeline's boxing; either way they leave in the order they came.
final class FrameWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = Licit_V1_Frame
    typealias OutboundOut = ByteBuffer

    /// A buffer grown past this (a large page of events) is let go after its flush rather than
    /// kept by an idle connection.
    static let keptCapacity = 16 * 1024

    private var context: ChannelHandlerContext?
    private var pending: ByteBuffer?
    private var promises: [EventLoopPromise<Void>] = []
    private var flushScheduled = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.pending = nil
        let promises = self.promises
        self.promises = []
        for promise in promises { promise.fail(ChannelError.ioOnClosedChannel) }
    }

    /// Queues `frame` for the next flush. On the event loop.
    func append(_ frame: Licit_V1_Frame) {
        try? self.encode(frame)
    }

    /// Queues `frames` and flushes them at the end of the event loop's queued tasks, together
    /// with whatever else is answered meanwhile. On the event loop.
    func send(_ frames: some Sequence<Licit_V1_Frame>) {
        for frame in frames { self.append(frame) }
        guard !self.flushScheduled, let context = self.context else { return }
        self.flushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.flushScheduled = false
            if let context = self.context { self.flush(context: context) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        do {
            try self.encode(Self.unwrapOutboundIn(data))
            if let promise { self.promises.append(promise) }
        } catch {
            promise?.fail(error)
        }
    }

    func flush(context: ChannelHandlerContext) {
        if let pending = self.pending, pending.readableBytes > 0 {
            var promise: EventLoopPromise<Void>?
            if !self.promises.isEmpty {
                let waiting = self.promises
                self.promises = []
                promise = context.eventLoop.makePromise()
                promise?.futureResult.assumeIsolated().whenComplete { result in
                    for waiter in waiting { waiter.completeWith(result) }
                }
            }
            context.write(Self.wrapOutboundOut(pending), promise: promise)
        }
        context.flush()
        // The TLS layer has taken the bytes: the buffer is ours alone again, and clearing it
        // keeps its memory.
        if let capacity = self.pending?.capacity, capacity > Self.keptCapacity {
            self.pending = nil
        } else {
            self.pending?.clear()
        }
    }

    private func encode(_ frame: Licit_V1_Frame) throws {
        if self.pending == nil {
            guard let context = self.context else { throw ChannelError.ioOnClosedChannel }
            self.pending = context.channel.allocator.buffer(capacity: 512)
        }
        try FrameEncoder.write(frame, into: &self.pending!)
    }
}
