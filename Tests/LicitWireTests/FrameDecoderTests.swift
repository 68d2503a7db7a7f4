import Foundation
import LicitWire
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@Suite("Frame decoder")
struct FrameDecoderTests {
    static let echo = Licit_V1_Frame.request(
        callID: 7,
        method: LicitMethod.echo,
        payload: Data([0x0A, 0x04]) + Data("ping".utf8)
    )

    static func framed(_ frames: [Licit_V1_Frame]) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for frame in frames { try FrameEncoder.write(frame, into: &buffer) }
        return buffer
    }

    static func header(_ length: UInt32) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(length)
        return buffer
    }

    @Test("decodes every split of a frame stream the same way (ByteToMessageDecoderVerifier)")
    func verifier() throws {
        let frames: [Licit_V1_Frame] = [
            Self.echo,
            .ping(opaque: 99),
            .response(callID: 7, status: LicitStatus(.notFound, reason: "no_such_ia", message: "no IA FR-2026-1")),
            .event(callID: 3, sequence: 1 << 40, payload: Data(repeating: 0xAB, count: 3000)),
            .cancel(callID: 7),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (try Self.framed(frames), frames),
                (try Self.framed([Self.echo]), [Self.echo]),
            ],
            decoderFactory: { FrameDecoder() }
        )
    }

    @Test("refuses a length over the limit as soon as the 4-byte header arrives, with no body yet")
    func oversizedHeaderAlone() throws {
        let decoder = FrameDecoder(maxFrameBytes: 1024)
        var buffer = Self.header(1025)
        let error = #expect(throws: FrameCodecError.self) { try decoder.nextFrame(from: &buffer) }
        #expect(error?.code == .frameTooLarge)
        #expect(error?.announcedBytes == 1025)
        #expect(error?.wireStatus.code == .resourceExhausted)
        #expect(error?.wireStatus.reason == "frame_too_large")
    }

    @Test("refuses the largest length a header can carry, 2^32-1, under the default limit")
    func maximumHeader() throws {
        var buffer = Self.header(UInt32.max)
        let error = #expect(throws: FrameCodecError.self) { try FrameDecoder().nextFrame(from: &buffer) }
        #expect(error?.code == .frameTooLarge)
        #expect(error?.announcedBytes == Int(UInt32.max))
    }

    @Test("refuses a zero length")
    func zeroLength() throws {
        var buffer = Self.header(0)
        let error = #expect(throws: FrameCodecError.self) { try FrameDecoder().nextFrame(from: &buffer) }
        #expect(error?.code == .zeroLength)
    }

    @Test("accepts a frame of max-1 and of exactly max bytes, refuses max+1", arguments: [-1, 0, 1])
    func boundary(offset: Int) throws {
        let bytes = try Self.framed([Self.echo])
        let body = bytes.readableBytes - 4
        // The limit is set so that the frame's body is max+offset... i.e. max = body - offset.
        let decoder = FrameDecoder(maxFrameBytes: body - offset)
        var buffer = bytes
        if offset <= 0 {
            #expect(try decoder.nextFrame(from: &buffer) == Self.echo)
            #expect(buffer.readableBytes == 0)
        } else {
            let error = #expect(throws: FrameCodecError.self) { try decoder.nextFrame(from: &buffer) }
            #expect(error?.code == .frameTooLarge)
        }
    }

    @Test("waits at every truncation offset, then reports the truncation at end of stream")
    func truncationAtEveryOffset() throws {
        let whole = try Self.framed([Self.echo])
        for length in 1..<whole.readableBytes {
            var prefix = whole.getSlice(at: 0, length: length)!
            #expect(try FrameDecoder().nextFrame(from: &prefix) == nil, "prefix of \(length) bytes")
            #expect(prefix.readableBytes == length, "a partial frame is not consumed")

            let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder()))
            try channel.writeInbound(whole.getSlice(at: 0, length: length)!)
            let error = #expect(throws: FrameCodecError.self, "prefix of \(length) bytes") { _ = try channel.finish() }
            #expect(error?.code == .truncated)
        }
    }

    @Test("reports bytes that are not a licit.v1.Frame as undecodable")
    func undecodable() throws {
        var buffer = Self.header(3)
        buffer.writeBytes([0xFF, 0xFF, 0xFF])
        let error = #expect(throws: FrameCodecError.self) { try FrameDecoder().nextFrame(from: &buffer) }
        #expect(error?.code == .undecodable)
        #expect(error?.wireStatus.code == .invalidArgument)
    }
}
