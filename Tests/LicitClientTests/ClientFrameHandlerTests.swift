import LicitWire
import NIOCore
import NIOEmbedded
import Testing

@testable import LicitClient

/// The handler as the event loop drives it, on a loop whose time the test moves.
@Suite("The SDK's connection handler")
struct ClientFrameHandlerTests {
    struct Connection {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        let handler: ClientFrameHandler

        init() throws {
            self.channel = EmbeddedChannel(loop: self.loop)
            self.handler = ClientFrameHandler(retired: self.loop.makePromise())
            try self.channel.pipeline.syncOperations.addHandler(self.handler)
        }

        /// Starts call `callID` as a subscription (its end can be awaited without a waiting task).
        func start(_ callID: UInt64, timeout: Duration) -> AsyncThrowingStream<LicitEvent, any Error> {
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: LicitEvent.self)
            let frame = Licit_V1_Frame.request(callID: callID, method: "licit.v1.Test/Wait", payload: .init())
            var buffer = ByteBuffer()
            try! FrameEncoder.write(frame, into: &buffer)
            self.handler.start(
                CallStart(
                    callID: callID,
                    frame: buffer,
                    call: .subscription(continuation),
                    requestID: "",
                    timeout: timeout
                )
            )
            return stream
        }

        /// The call ids of the frames of `kind` written since the last look, in order.
        func written(_ kind: (Licit_V1_Frame) -> Bool) throws -> [UInt64] {
            var ids: [UInt64] = []
            while var buffer = try self.channel.readOutbound(as: ByteBuffer.self) {
                while let frame = try FrameDecoder().nextFrame(from: &buffer) {
                    if kind(frame) { ids.append(frame.callID) }
                }
            }
            return ids
        }
    }

    static func isRequest(_ frame: Licit_V1_Frame) -> Bool {
        if case .request = frame.kind { return true }
        return false
    }

    static func isCancel(_ frame: Licit_V1_Frame) -> Bool {
        if case .cancel = frame.kind { return true }
        return false
    }

    /// How the call ended: nil when it ended without an error.
    static func ending(_ stream: AsyncThrowingStream<LicitEvent, any Error>) async -> LicitClientError? {
        do {
            for try await _ in stream {}
            return nil
        } catch {
            return error as? LicitClientError
        }
    }

    @Test("one timer serves every deadline: each call ends at its own, a shorter one set after a longer one first")
    func deadlines() async throws {
        let connection = try Connection()
        let long = connection.start(1, timeout: .seconds(30))
        let short = connection.start(2, timeout: .seconds(2))
        let answered = connection.start(3, timeout: .seconds(1))
        connection.loop.run()
        #expect(try connection.written(Self.isRequest) == [1, 2, 3])

        // Call 3 is answered in time: its deadline passes without a word.
        connection.channel.pipeline.fireChannelRead(
            Licit_V1_Frame.response(callID: 3, status: .ok, payload: .init())
        )
        connection.loop.advanceTime(by: .seconds(1))
        #expect(try connection.written(Self.isCancel).isEmpty)

        connection.loop.advanceTime(by: .seconds(1))
        // Required before awaiting the ending, which would wait forever for a call still waiting.
        try #require(try connection.written(Self.isCancel) == [2], "the exchange is told to stop call 2, not call 1")
        #expect(await Self.ending(short)?.code == .deadlineExceeded)

        connection.loop.advanceTime(by: .seconds(27))
        #expect(try connection.written(Self.isCancel).isEmpty)
        connection.loop.advanceTime(by: .seconds(1))
        try #require(try connection.written(Self.isCancel) == [1])
        #expect(await Self.ending(long)?.code == .deadlineExceeded)
        #expect(await Self.ending(answered) == nil)
        _ = try? connection.channel.finish()
    }

    @Test("a call handed over after the connection is gone ends at once as not sent")
    func afterClose() async throws {
        let connection = try Connection()
        _ = try? connection.channel.finish()
        let late = connection.start(1, timeout: .seconds(30))
        let error = await Self.ending(late)
        #expect(error?.code == .unavailable && error?.wasNotSent == true)
    }
}
