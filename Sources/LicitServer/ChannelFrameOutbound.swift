import LicitServerCore
import LicitWire
import NIOCore

/// ``FrameOutbound`` for the calls that run as tasks: hands frames to the connection's
/// ``FrameWriter`` on its event loop, then suspends while the outbound buffer is above its
/// high-water mark, so a producer of events cannot outrun its peer (and a peer that stops
/// reading is cut off by ``ConnectionGuardHandler``).
///
/// Flushes are coalesced: the frames of every call answered within one turn of the event loop
/// leave in one flush (one TLS write, one syscall) instead of one each.
struct ChannelFrameOutbound: FrameOutbound {
    let channel: any Channel
    let gate: WritabilityGate
    let writer: NIOLoopBound<FrameWriter>

    func write(_ frame: Licit_V1_Frame) async throws {
        let writer = self.writer
        self.channel.eventLoop.execute { writer.value.send(CollectionOfOne(frame)) }
        try await self.gate.waitUntilWritable()
    }

    func write(_ frames: [Licit_V1_Frame]) async throws {
        let writer = self.writer
        self.channel.eventLoop.execute { writer.value.send(frames) }
        try await self.gate.waitUntilWritable()
    }

    /// Closes after the frames written so far: a GoAway written just before leaves first.
    func close() {
        let channel = self.channel
        channel.eventLoop.execute {
            channel.flush()
            channel.close(promise: nil)
        }
    }
}
