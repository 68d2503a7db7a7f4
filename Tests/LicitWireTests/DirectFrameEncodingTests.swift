import Foundation
import NIOCore
import Testing

@testable import LicitWire

/// The frames written field by field are SwiftProtobuf's bytes exactly, at every varint
/// boundary of every field, and every other frame is still written by SwiftProtobuf.
@Suite("Direct frame encoding")
struct DirectFrameEncodingTests {
    /// Each side of every varint length boundary, and the extremes.
    static let numbers: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, 2_097_152, UInt64(UInt32.max), UInt64.max]
    static let sizes = [0, 1, 127, 128, 16_383, 16_384]
    static let texts = ["", "licit.v1.Session/Echo", "request-é-✓", String(repeating: "m", count: 130)]

    static func payload(_ size: Int) -> Data { Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }) }

    static var frames: [Licit_V1_Frame] {
        var frames: [Licit_V1_Frame] = []
        for callID in Self.numbers {
            for size in Self.sizes {
                let payload = Self.payload(size)
                frames.append(.response(callID: callID, status: .ok, payload: payload))
                frames.append(
                    .with {
                        $0.callID = callID; $0.response = .with { $0.payload = payload }
                    }
                )
                for sequence in Self.numbers {
                    frames.append(.event(callID: callID, sequence: sequence, payload: payload))
                }
                for (index, text) in Self.texts.enumerated() {
                    let timeout = UInt32(truncatingIfNeeded: Self.numbers[index * 2])
                    frames.append(
                        .request(
                            callID: callID,
                            method: text,
                            payload: payload,
                            timeoutMilliseconds: timeout,
                            requestID: Self.texts[(index + 1) % Self.texts.count]
                        )
                    )
                }
            }
        }
        return frames
    }

    @Test("requests, OK responses and events: the same bytes as SwiftProtobuf")
    func sameBytes() throws {
        for frame in Self.frames {
            var direct = ByteBuffer()
            #expect(DirectFrameEncoding.write(frame, into: &direct))
            var encoded = ByteBuffer()
            try FrameEncoder.writeEncoded(frame, into: &encoded)
            guard direct == encoded else {
                Issue.record("direct bytes differ from SwiftProtobuf's for \(frame)")
                return
            }
        }
    }

    @Test("frames appended one after another decode back equal, in order")
    func decodeBack() throws {
        var buffer = ByteBuffer()
        let frames = Self.frames
        for frame in frames { try FrameEncoder.write(frame, into: &buffer) }
        let decoder = FrameDecoder(maxFrameBytes: 1 << 20)
        for frame in frames { #expect(try decoder.nextFrame(from: &buffer) == frame) }
        #expect(buffer.readableBytes == 0)
    }

    @Test("refusals, pings, cancels, go-aways and unknown fields are left to SwiftProtobuf")
    func declined() throws {
        var withUnknown = Licit_V1_Frame.event(callID: 1, sequence: 2, payload: Data([1]))
        try withUnknown.merge(serializedBytes: [0xF8, 0x01, 0x05])  // field 31, varint 5
        let refusal = LicitStatus(.notFound, reason: "document_not_found", message: "no such document")
        let declined: [Licit_V1_Frame] = [
            .response(callID: 3, status: refusal), .ping(opaque: 9), .pong(opaque: 9), .cancel(callID: 4),
            .goAway(status: refusal, lastCallID: 5), withUnknown, Licit_V1_Frame(),
        ]
        for frame in declined {
            var direct = ByteBuffer()
            #expect(!DirectFrameEncoding.write(frame, into: &direct), "\(frame)")
            #expect(direct.readableBytes == 0)
            var written = ByteBuffer()
            try FrameEncoder.write(frame, into: &written)
            var encoded = ByteBuffer()
            try FrameEncoder.writeEncoded(frame, into: &encoded)
            #expect(written == encoded)
        }
    }

    @Test("varint sizes match what is written")
    func varints() {
        for shift in 0..<64 {
            for value in [UInt64(1) << shift, (UInt64(1) << shift) - 1] {
                var buffer = ByteBuffer()
                DirectFrameEncoding.writeVarint(value, into: &buffer)
                #expect(buffer.readableBytes == DirectFrameEncoding.varintSize(value), "\(value)")
            }
        }
    }
}
