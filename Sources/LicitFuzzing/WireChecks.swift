import Foundation
import LicitWire
import NIOCore

/// What every frame the server sends must satisfy, whatever it answers.
enum WireChecks {
    /// The daemon's frame limit; a client applies the same one to what it receives (PROTOCOL §4).
    static let maxFrameBytes = FrameLimits.defaultMaxFrameBytes

    /// `frame` encodes with ``FrameEncoder`` within the frame limit, and ``FrameDecoder`` decodes
    /// the bytes back to an equal frame, with nothing left over.
    static func roundTrip(_ frame: Licit_V1_Frame, _ what: @autoclosure () -> String) throws(FuzzFinding) {
        let bytes = try framedBytes(frame)
        if frame == Licit_V1_Frame() {
            // A body of default fields only (`08 00`: call id 0, no kind) decodes to the empty
            // frame, which encodes to nothing: a zero-length frame, which the decoder refuses, as
            // PROTOCOL §4 says. The server never writes one (its frames all have a kind).
            try expect(bytes == [0, 0, 0, 0], "\(what()): the empty frame encodes as \(bytes.count) bytes")
            return
        }
        try expect(
            bytes.count - 4 <= Self.maxFrameBytes,
            "\(what()): re-encoded as \(bytes.count - 4) bytes, over the \(Self.maxFrameBytes)-byte frame limit"
        )
        var buffer = ByteBufferAllocator.fuzz.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        let decoder = FrameDecoder(maxFrameBytes: Self.maxFrameBytes)
        let decoded: Licit_V1_Frame?
        do {
            decoded = try decoder.nextFrame(from: &buffer)
        } catch {
            throw FuzzFinding("\(what()): its own encoding does not decode (\(error)): \(frame)")
        }
        try expect(decoded != nil, "\(what()): its own encoding decodes to no frame")
        try expect(buffer.readableBytes == 0, "\(what()): \(buffer.readableBytes) bytes left after decoding it")
        try expect(
            decoded == frame,
            "\(what()): decodes to a different frame after re-encoding\n  was: \(frame)\n  now: \(decoded!)"
        )
    }

    /// A status as PROTOCOL §11 describes it: a known code; when not OK, a stable snake_case
    /// reason and a message. `INTERNAL` is a finding too: no input may make a handler fail
    /// in a way it did not foresee.
    static func status(_ status: Licit_V1_Status, _ what: @autoclosure () -> String) throws(FuzzFinding) {
        if case .UNRECOGNIZED(let raw) = status.code {
            throw FuzzFinding("\(what()): unknown status code \(raw)")
        }
        try expect(
            status.code != .internal,
            "\(what()): INTERNAL (\(status.reason): \(status.message)) — a handler failed on an input it did not expect"
        )
        try expect(status.code != .unknown, "\(what()): status UNKNOWN (\(status.reason))")
        guard status.code != .ok else { return }
        try expect(Self.isReason(status.reason), "\(what()): \(status.code) with reason \"\(status.reason)\"")
        try expect(!status.message.isEmpty, "\(what()): \(status.code) / \(status.reason) without a message")
    }

    static func isReason(_ text: String) -> Bool {
        guard let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }

    /// Decodes an answer's payload as a client does, with the limits every peer applies.
    static func decode<Message: SwiftProtobufMessage>(
        _ type: Message.Type,
        _ payload: Data,
        _ what: @autoclosure () -> String
    ) throws(FuzzFinding) -> Message {
        do {
            return try Message(licitPayload: payload)
        } catch {
            throw FuzzFinding("\(what()): the payload is not a valid \(Message.protoMessageName) (\(error))")
        }
    }
}
