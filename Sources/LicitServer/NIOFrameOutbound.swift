import LicitServerCore
import LicitWire
import NIOCore

/// ``FrameOutbound`` over a NIOAsyncChannel's writer.
struct NIOFrameOutbound: FrameOutbound {
    let writer: NIOAsyncChannelOutboundWriter<Licit_V1_Frame>
    let channel: any Channel

    func write(_ frame: Licit_V1_Frame) async throws {
        try await self.writer.write(frame)
    }

    func close() {
        self.channel.close(promise: nil)
    }
}
