import Foundation
import NIOCore

/// The frames nearly every call sends — a request, an OK response, an event — written field by
/// field straight into the outbound buffer, with the very bytes SwiftProtobuf writes for them
/// (fields in number order, default values left out, a set submessage always written), so that
/// no array is allocated for each frame's bytes on the way.
///
/// Any other frame (a refusal and its status, a ping, unknown fields) is declined and left to
/// SwiftProtobuf. Tests compare both encodings on random frames of every shape.
enum DirectFrameEncoding {
    /// Appends `frame` with its length prefix; false, writing nothing, for a frame it leaves to
    /// SwiftProtobuf.
    static func write(_ frame: Licit_V1_Frame, into buffer: inout ByteBuffer) -> Bool {
        guard frame.unknownFields.data.isEmpty else { return false }
        switch frame.kind {
        case .request(let request) where request.unknownFields.data.isEmpty:
            let method = request.method.utf8.count
            let requestID = request.requestID.utf8.count
            let size =
                Self.lengthFieldSize(method) + Self.varintFieldSize(UInt64(request.timeoutMs))
                + Self.lengthFieldSize(requestID) + Self.lengthFieldSize(request.payload.count)
            Self.frameHeader(callID: frame.callID, kindTag: 0x12, kindSize: size, into: &buffer)
            Self.lengthField(0x0a, method, into: &buffer) { $0.writeString(request.method) }
            Self.varintField(0x10, UInt64(request.timeoutMs), into: &buffer)
            Self.lengthField(0x1a, requestID, into: &buffer) { $0.writeString(request.requestID) }
            Self.lengthField(0x22, request.payload.count, into: &buffer) { $0.writeBytes(request.payload) }
        case .response(let response) where response.unknownFields.data.isEmpty:
            // Asked once: each look at the status copies it.
            let hasStatus = response.hasStatus
            guard !hasStatus || response.status == Self.ok else { return false }
            // An OK status is an empty message: its tag and a zero length.
            let size = (hasStatus ? 2 : 0) + Self.lengthFieldSize(response.payload.count)
            Self.frameHeader(callID: frame.callID, kindTag: 0x1a, kindSize: size, into: &buffer)
            if hasStatus { buffer.writeInteger(UInt16(0x0a00)) }
            Self.lengthField(0x12, response.payload.count, into: &buffer) { $0.writeBytes(response.payload) }
        case .event(let event) where event.unknownFields.data.isEmpty:
            let size = Self.varintFieldSize(event.sequence) + Self.lengthFieldSize(event.payload.count)
            Self.frameHeader(callID: frame.callID, kindTag: 0x22, kindSize: size, into: &buffer)
            Self.varintField(0x08, event.sequence, into: &buffer)
            Self.lengthField(0x12, event.payload.count, into: &buffer) { $0.writeBytes(event.payload) }
        default:
            return false
        }
        return true
    }

    private static let ok = Licit_V1_Status()

    /// The length prefix, the call id and the kind's tag and length: everything before the kind's fields.
    private static func frameHeader(callID: UInt64, kindTag: UInt8, kindSize: Int, into buffer: inout ByteBuffer) {
        let body = Self.varintFieldSize(callID) + 1 + Self.varintSize(UInt64(kindSize)) + kindSize
        buffer.reserveCapacity(minimumWritableBytes: 4 + body)
        buffer.writeInteger(UInt32(body))
        Self.varintField(0x08, callID, into: &buffer)
        buffer.writeInteger(kindTag)
        Self.writeVarint(UInt64(kindSize), into: &buffer)
    }

    /// A varint field, left out when zero.
    private static func varintField(_ tag: UInt8, _ value: UInt64, into buffer: inout ByteBuffer) {
        guard value != 0 else { return }
        buffer.writeInteger(tag)
        Self.writeVarint(value, into: &buffer)
    }

    /// A string or bytes field of `count` bytes, written by `body`; left out when empty.
    private static func lengthField(
        _ tag: UInt8,
        _ count: Int,
        into buffer: inout ByteBuffer,
        _ body: (inout ByteBuffer) -> Void
    ) {
        guard count > 0 else { return }
        buffer.writeInteger(tag)
        Self.writeVarint(UInt64(count), into: &buffer)
        body(&buffer)
    }

    private static func varintFieldSize(_ value: UInt64) -> Int { value == 0 ? 0 : 1 + Self.varintSize(value) }

    private static func lengthFieldSize(_ count: Int) -> Int {
        count == 0 ? 0 : 1 + Self.varintSize(UInt64(count)) + count
    }

    static func varintSize(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 6) / 7) }

    static func writeVarint(_ value: UInt64, into buffer: inout ByteBuffer) {
        var value = value
        while value >= 0x80 {
            buffer.writeInteger(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.writeInteger(UInt8(value))
    }
}
