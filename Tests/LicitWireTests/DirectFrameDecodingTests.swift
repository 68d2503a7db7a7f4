import Foundation
import NIOCore
import SwiftProtobuf
import Testing

@testable import LicitWire

/// The frames read field by field are exactly what SwiftProtobuf reads from the same bytes, and
/// whatever the direct reader declines is still read (or refused) by SwiftProtobuf.
@Suite("Direct frame decoding")
struct DirectFrameDecodingTests {
    static func body(_ frame: Licit_V1_Frame) throws -> [UInt8] {
        try frame.serializedBytes(options: FrameEncoder.options)
    }

    static func direct(_ bytes: [UInt8]) -> Licit_V1_Frame? {
        DirectFrameDecoding.frame(ByteBuffer(bytes: bytes))
    }

    @Test("requests, OK responses and events: read as SwiftProtobuf reads them, at every varint boundary")
    func sameFrames() throws {
        for frame in DirectFrameEncodingTests.frames {
            let bytes = try Self.body(frame)
            guard let direct = Self.direct(bytes) else {
                Issue.record("declined \(frame)")
                return
            }
            #expect(direct == (try Licit_V1_Frame(serializedBytes: bytes)), "\(frame)")
        }
    }

    @Test("other kinds, unknown, repeated or out-of-order fields, bad UTF-8 and bad varints are declined")
    func declined() throws {
        let refusal = LicitStatus(.notFound, reason: "document_not_found", message: "no such document")
        for frame: Licit_V1_Frame in [
            .response(callID: 3, status: refusal), .ping(opaque: 9), .pong(opaque: 9), .cancel(callID: 4),
            .goAway(status: refusal, lastCallID: 5), Licit_V1_Frame(),
        ] {
            #expect(Self.direct(try Self.body(frame)) == nil, "\(frame)")
        }
        let event = try Self.body(.event(callID: 1, sequence: 2, payload: Data([7])))
        #expect(Self.direct(event) != nil)
        #expect(Self.direct(event + [0xF8, 0x01, 0x05]) == nil, "an unknown field after the kind")
        #expect(Self.direct(event + [0x08, 0x02]) == nil, "the call id again, after the kind")
        // The event's payload field written twice: SwiftProtobuf keeps the last, the direct reader declines.
        var twice = event
        twice[3] += 3
        twice += [0x12, 0x01, 0x09]
        #expect(Self.direct(twice) == nil)
        #expect((try? Licit_V1_Frame(serializedBytes: twice))?.event.payload == Data([9]))
        // A method that is not UTF-8: declined here, refused by SwiftProtobuf.
        let request = try Self.body(.request(callID: 1, method: "ab", payload: Data()))
        var invalid = request
        invalid[invalid.firstIndex(of: UInt8(ascii: "a"))!] = 0xFF
        #expect(Self.direct(invalid) == nil)
        #expect((try? Licit_V1_Frame(serializedBytes: invalid)) == nil)
        // An eleven-byte varint.
        #expect(Self.direct([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01]) == nil)
    }

    @Test("every one-byte change to small frames: whatever the direct reader accepts, SwiftProtobuf reads the same")
    func mutated() throws {
        let frames = DirectFrameEncodingTests.frames.filter {
            $0.request.payload.count + $0.response.payload.count + $0.event.payload.count <= 1
        }
        var accepted = 0
        for frame in frames {
            let original = try Self.body(frame)
            for index in original.indices {
                var changed: [[UInt8]] = ([0x00, 0x01, 0x7F, 0x80, 0xFF] as [UInt8]).map { value in
                    var bytes = original
                    bytes[index] = value
                    return bytes
                }
                changed.append(original.enumerated().filter { $0.offset != index }.map(\.element))
                changed.append(Array(original[..<index]) + [0x80] + Array(original[index...]))
                for bytes in changed where bytes != original {
                    guard let direct = Self.direct(bytes) else { continue }
                    accepted += 1
                    #expect(direct == (try? Licit_V1_Frame(serializedBytes: bytes)), "\(bytes)")
                }
            }
        }
        #expect(accepted > 1_000, "the changes left many frames the direct reader reads")
    }
}
