import Foundation
import NIOCore

/// The frames nearly every call receives — a request, an OK response, an event — read field by
/// field, without SwiftProtobuf's generic decoder. Only the plainest form is read: fields in
/// number order, each at most once, no unknown field, an OK status empty (as every encoder of
/// this protocol writes them). Anything else — another kind of frame, a field out of order or
/// repeated, an unknown one, a string that is not UTF-8, a malformed varint — is declined and
/// left to SwiftProtobuf, which decides, and refuses what is malformed.
///
/// Tests compare the two decoders on every frame the encoders write and on mutated bytes.
enum DirectFrameDecoding {
    /// The frame in `body` (without its length prefix), or nil to leave it to SwiftProtobuf.
    static func frame(_ body: ByteBuffer) -> Licit_V1_Frame? {
        body.withUnsafeReadableBytes { bytes in
            var reader = FieldReader(bytes)
            var callID: UInt64 = 0
            guard var field = reader.next() else { return nil }
            if field.number == 1 {
                guard case .varint(let value) = field.value, let next = reader.next() else { return nil }
                callID = value
                field = next
            }
            guard case .bytes(let kind) = field.value, reader.isAtEnd else { return nil }
            switch field.number {
            case 2: return Self.request(kind, callID: callID)
            case 3: return Self.response(kind, callID: callID)
            case 4: return Self.event(kind, callID: callID)
            default: return nil
            }
        }
    }

    private static func request(_ bytes: UnsafeRawBufferPointer, callID: UInt64) -> Licit_V1_Frame? {
        var method = ""
        var timeout: UInt32 = 0
        var requestID = ""
        var payload = Data()
        var reader = FieldReader(bytes)
        while let field = reader.next() {
            switch (field.number, field.value) {
            case (1, .bytes(let text)):
                guard let text = Self.text(text) else { return nil }
                method = text
            case (2, .varint(let value)):
                guard let value = UInt32(exactly: value) else { return nil }
                timeout = value
            case (3, .bytes(let text)):
                guard let text = Self.text(text) else { return nil }
                requestID = text
            case (4, .bytes(let bytes)):
                payload = Data(bytes)
            default:
                return nil
            }
        }
        guard reader.isAtEnd else { return nil }
        return .request(
            callID: callID,
            method: method,
            payload: payload,
            timeoutMilliseconds: timeout,
            requestID: requestID
        )
    }

    /// `bytes` as text, or nil when they are not UTF-8. ASCII, what methods and request ids are,
    /// is told byte by byte, far faster than the general validation.
    private static func text(_ bytes: UnsafeRawBufferPointer) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func response(_ bytes: UnsafeRawBufferPointer, callID: UInt64) -> Licit_V1_Frame? {
        var response = Licit_V1_Response()
        var reader = FieldReader(bytes)
        while let field = reader.next() {
            switch (field.number, field.value) {
            case (1, .bytes(let status)) where status.isEmpty:
                response.status = Licit_V1_Status()
            case (2, .bytes(let payload)):
                response.payload = Data(payload)
            default:
                return nil
            }
        }
        guard reader.isAtEnd else { return nil }
        var frame = Licit_V1_Frame()
        frame.callID = callID
        frame.response = response
        return frame
    }

    private static func event(_ bytes: UnsafeRawBufferPointer, callID: UInt64) -> Licit_V1_Frame? {
        var sequence: UInt64 = 0
        var payload = Data()
        var reader = FieldReader(bytes)
        while let field = reader.next() {
            switch (field.number, field.value) {
            case (1, .varint(let value)): sequence = value
            case (2, .bytes(let bytes)): payload = Data(bytes)
            default: return nil
            }
        }
        guard reader.isAtEnd else { return nil }
        return .event(callID: callID, sequence: sequence, payload: payload)
    }
}

/// Reads protobuf fields of the two wire types these frames use (varint, length-delimited), in
/// ascending number order. `next()` is nil at the end and at anything else (another wire type, a
/// field number not above the one before); `isAtEnd` tells the two apart.
private struct FieldReader {
    enum Value {
        case varint(UInt64)
        case bytes(UnsafeRawBufferPointer)
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var lastNumber: UInt64 = 0
    private var failed = false

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Every byte was read, and read well.
    var isAtEnd: Bool { !self.failed && self.index == self.bytes.count }

    mutating func next() -> (number: Int, value: Value)? {
        guard self.index < self.bytes.count else { return nil }
        guard let tag = self.varint(), tag >> 3 > self.lastNumber, tag >> 3 < 1 << 29 else { return self.fail() }
        self.lastNumber = tag >> 3
        switch tag & 7 {
        case 0:
            guard let value = self.varint() else { return self.fail() }
            return (Int(tag >> 3), .varint(value))
        case 2:
            guard let length = self.varint(), length <= UInt64(self.bytes.count - self.index) else {
                return self.fail()
            }
            let start = self.index
            self.index += Int(length)
            return (Int(tag >> 3), .bytes(UnsafeRawBufferPointer(rebasing: self.bytes[start..<self.index])))
        default:
            return self.fail()
        }
    }

    private mutating func fail() -> (number: Int, value: Value)? {
        self.failed = true
        return nil
    }

    /// At most ten bytes, the tenth holding the 64th bit only, as SwiftProtobuf accepts.
    private mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while self.index < self.bytes.count, shift < 64 {
            let byte = self.bytes[self.index]
            self.index += 1
            if shift == 63, byte > 1 { return nil }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
