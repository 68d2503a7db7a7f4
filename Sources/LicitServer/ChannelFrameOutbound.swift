import LicitServerCore
import LicitWire
import NIOCore

/// ``FrameOutbound`` for the calls that run as tasks: writes through the channel, then suspends
/// while the outbound buffer is above its high-water mark, so a producer of events cannot
/// outrun its peer (and a peer that stops reading is cut off by ``ConnectionGuardHandler``).
struct ChannelFrameOutbound: FrameOutbound {
    let channel: any Channel
    let gate: WritabilityGate

    func write(_ frame: Licit_V1_Frame) async throws {
        self.channel.writeAndFlush(frame, promise: nil)
        try await self.gate.waitUntilWritable()
    }

    /// One hop to the event loop and one flush for the whole page, instead of one each per frame.
    func write(_ frames: [Licit_V1_Frame]) async throws {
        let channel = self.channel
        channel.eventLoop.execute {
            for frame in frames { channel.write(frame, promise: nil) }
            channel.flush()
        }
        try await self.gate.waitUntilWritable()
    }

    func close() {
        self.channel.close(promise: nil)
    }
}
