import LicitServerCore
import LicitWire
import NIOCore

/// ``FrameOutbound`` for the calls that run as tasks: writes through the channel, then suspends
/// while the outbound buffer is above its high-water mark, so a producer of events cannot
/// outrun its peer (and a peer that stops reading is cut off by ``ConnectionGuardHandler``).
///
/// Flushes are coalesced: the frames of every call answered within one turn of the event loop
/// leave in one flush (one TLS write, one syscall) instead of one each.
struct ChannelFrameOutbound: FrameOutbound {
    let channel: any Channel
    let gate: WritabilityGate
    let flush: NIOLoopBound<FlushCoalescer>

    init(channel: any Channel, gate: WritabilityGate) {
        self.channel = channel
        self.gate = gate
        self.flush = NIOLoopBound(FlushCoalescer(), eventLoop: channel.eventLoop)
    }

    func write(_ frame: Licit_V1_Frame) async throws {
        let (channel, flush) = (self.channel, self.flush)
        channel.eventLoop.execute {
            channel.write(frame, promise: nil)
            flush.value.flushSoon(channel)
        }
        try await self.gate.waitUntilWritable()
    }

    func write(_ frames: [Licit_V1_Frame]) async throws {
        let (channel, flush) = (self.channel, self.flush)
        channel.eventLoop.execute {
            for frame in frames { channel.write(frame, promise: nil) }
            flush.value.flushSoon(channel)
        }
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

/// One flush at the end of the event loop's queued tasks, however many writes asked for one.
final class FlushCoalescer {
    private var scheduled = false

    /// Called on the channel's event loop.
    func flushSoon(_ channel: any Channel) {
        guard !self.scheduled else { return }
        self.scheduled = true
        channel.eventLoop.assumeIsolated().execute {
            self.scheduled = false
            channel.flush()
        }
    }
}
