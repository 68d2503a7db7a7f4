import Foundation
import LicitTestSupport
import LicitWire
import NIOCore
import Testing

/// The replies to a burst of requests read at once leave in several flushes (every
/// `ServerConnectionHandler.flushEvery` replies, and the rest when the read ends): whatever
/// the burst's length, every reply arrives, in order.
@Suite("Bursts of requests")
struct BurstTests {
    @Test("every reply to a burst sent in one write arrives, in order, whether or not it ends on a flush")
    func everyReplyArrives() async throws {
        try await TestExchange.with { exchange in
            let connection = try await RefusalTests.helloConnection(exchange, name: "burst")
            var next: UInt64 = 2
            for count in [1, 7, 8, 9, 16, 23, 64] {
                var burst = ByteBuffer()
                let calls = next..<(next + UInt64(count))
                for callID in calls {
                    let echo = try Licit_V1_EchoRequest.with { $0.data = Data("\(callID)".utf8) }.serializedData()
                    try FrameEncoder.write(
                        .request(callID: callID, method: LicitMethod.echo, payload: echo),
                        into: &burst
                    )
                }
                let before = connection.receivedFrames.count
                try await connection.send(Array(burst.readableBytesView))
                try await eventually { connection.receivedFrames.count == before + count }
                let replies = connection.receivedFrames.dropFirst(before)
                #expect(replies.map(\.callID) == Array(calls), "a burst of \(count)")
                for reply in replies {
                    let echoed = try Licit_V1_EchoResponse(serializedBytes: reply.response.payload)
                    #expect(echoed.data == Data("\(reply.callID)".utf8))
                }
                next += UInt64(count)
            }
            await connection.close()
        }
    }
}
