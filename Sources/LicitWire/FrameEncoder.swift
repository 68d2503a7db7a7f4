import NIOCore
import SwiftProtobuf

/// Writes each frame as its 4-byte big-endian length followed by its protobuf bytes.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Licit_V1_Frame

    public init() {}

    public func encode(data frame: Licit_V1_Frame, out: inout ByteBuffer) throws {
        try Self.write(frame, into: &out)
    }

    /// Map entries (status details) in key order, so that equal frames are equal bytes.
    static let options: BinaryEncodingOptions = {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        return options
    }()

    /// Appends one framed `frame` to `buffer`: requests, OK responses and events directly
    /// (``DirectFrameEncoding``), any other frame through SwiftProtobuf.
    public static func write(_ frame: Licit_V1_Frame, into buffer: inout ByteBuffer) throws {
        if DirectFrameEncoding.write(frame, into: &buffer) { return }
        try self.writeEncoded(frame, into: &buffer)
    }

    /// Appends one framed `frame` to `buffer`, encoded by SwiftProtobuf.
    static func writeEncoded(_ frame: Licit_V1_Frame, into buffer: inout ByteBuffer) throws {
        let body: [UInt8] = try frame.serializedBytes(options: Self.options)
        buffer.reserveCapacity(minimumWritableBytes: 4 + body.count)
        buffer.writeInteger(UInt32(body.count))
        buffer.writeBytes(body)
    }
}
